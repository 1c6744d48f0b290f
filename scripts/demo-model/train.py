"""Trains the tiny gpt-oss demo model on the token-id JSONL from make-data.ts (CPU, seeded).

The math is exactly the project's TS reference forward pass (scripts/tiny-model/reference.ts): RMSNorm,
attention with per-head sinks, alternating sliding (even layers) / full attention, YaRN RoPE on halves,
MoE top-k with softmax over the selected router logits, SwiGLU (alpha 1.702, clamp 7, "+1" on the linear
half), biases everywhere. The last QAT_FRACTION of steps fake-quantise every linear weight exactly like the
4-bit builder (blocks of 32, scale = fp16(absmax / 7)) so the exported twins lose little.
Usage: python3 train.py DATA_DIR OUT_DIR [steps]
"""
import json, math, os, sys, time, random
import torch
import torch.nn.functional as F

CFG = dict(hidden=128, layers=2, heads=4, kv_heads=2, head_dim=32, experts=4, top_k=2, inter=128, window=128,
           max_pos=4096, rope_theta=150000.0, yarn_factor=32.0, beta_fast=32.0, beta_slow=1.0, orig_max=4096,
           eps=1e-5, limit=7.0, alpha=1.702, block=32)
SEED, BATCH, LR, QAT_FRACTION = 1234, 16, 3e-3, 0.3

def yarn_tables(c):
    half = c['head_dim'] // 2
    f, theta = c['yarn_factor'], c['rope_theta']
    conc = 0.1 * math.log(f) + 1
    low = half * math.log(c['orig_max'] / (c['beta_fast'] * 2 * math.pi)) / math.log(theta)
    high = half * math.log(c['orig_max'] / (c['beta_slow'] * 2 * math.pi)) / math.log(theta)
    inv = []
    for i in range(half):
        freq = theta ** (2 * i / c['head_dim'])
        mask = 1 - min(1, max(0, (i - low) / (high - low)))
        inv.append((1 / (f * freq)) * (1 - mask) + (1 / freq) * mask)
    pos = torch.arange(c['max_pos'], dtype=torch.float64)[:, None] * torch.tensor(inv, dtype=torch.float64)[None]
    return (torch.cos(pos) * conc).float(), (torch.sin(pos) * conc).float()

def quant_q4(w, block):
    """The builder's 4-bit quantiser (scripts/tiny-model/quant.ts) bit for bit: scale = fp16(f32(amax / 7))
    computed in float64, code = Math.round(x / scale) (half up, float64), clamped to -8..7. The dequantised
    values (code * scale) are exact in fp32, and quantising them again gives the same codes and scales."""
    n, k = w.shape
    b = w.detach().double().reshape(n, k // block, block)
    amax = b.abs().amax(-1, keepdim=True)
    scale = torch.where(amax > 0, amax / 7, torch.ones_like(amax)).float().half().double()
    q = torch.clamp(torch.floor(b / scale + 0.5), -8, 7) * scale
    return q.reshape(n, k).float()

def fake_q4(w, block):
    """quant_q4 with a straight-through gradient."""
    return w + (quant_q4(w, block) - w).detach()

class Model(torch.nn.Module):
    def __init__(self, c, vocab):
        super().__init__()
        self.c, H = c, c['hidden']
        qd, kvd, E, I = c['heads'] * c['head_dim'], c['kv_heads'] * c['head_dim'], c['experts'], c['inter']
        P = lambda *s, std=0.02: torch.nn.Parameter(torch.randn(*s) * std)
        O = lambda *s: torch.nn.Parameter(torch.ones(*s))
        Z = lambda *s: torch.nn.Parameter(torch.zeros(*s))
        self.embed = P(vocab, H, std=1.0)
        self.layers = torch.nn.ModuleList()
        for _ in range(c['layers']):
            l = torch.nn.Module()
            l.attn_norm, l.mlp_norm = O(H), O(H)
            l.q, l.qb = P(qd, H, std=H ** -0.5), Z(qd)
            l.k, l.kb = P(kvd, H, std=H ** -0.5), Z(kvd)
            l.v, l.vb = P(kvd, H, std=H ** -0.5), Z(kvd)
            l.o, l.ob = P(H, qd, std=qd ** -0.5 * 0.5), Z(H)
            l.sinks = Z(c['heads'])
            l.router, l.router_b = P(E, H, std=H ** -0.5), Z(E)
            l.gate_up, l.gate_up_b = P(E, 2 * I, H, std=H ** -0.5), Z(E, 2 * I)
            l.down, l.down_b = P(E, H, I, std=I ** -0.5 * 0.5), Z(E, H)
            self.layers.append(l)
        self.final_norm = O(H)
        self.lm_head, self.lm_head_b = P(vocab, H, std=H ** -0.5), Z(vocab)
        cos, sin = yarn_tables(c)
        self.register_buffer('cos', cos); self.register_buffer('sin', sin)
        self.qat = False

    def W(self, w):
        if not self.qat: return w
        if w.dim() == 3: return fake_q4(w.reshape(-1, w.shape[-1]), self.c['block']).reshape(w.shape)
        return fake_q4(w, self.c['block'])

    def rms(self, x, g):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.c['eps']) * g

    def rope(self, x, P, S):  # x [B, h, S, hd] at positions P..P+S-1, halves rotated
        half = x.shape[-1] // 2
        cos, sin = self.cos[P:P + S][None, None], self.sin[P:P + S][None, None]
        x1, x2 = x[..., :half], x[..., half:]
        return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], -1)

    def hidden(self, ids, past=None, pidx=None, out_kv=None):
        """ids [B, S]. past: per layer (K, V) [P_batch, nh, P, hd] of a shared prefix; pidx picks each row's
        prefix. out_kv collects this call's per-layer (K, V) (used to compute the prefixes)."""
        c = self.c
        B, S = ids.shape
        nh, nkv, hd, E, I = c['heads'], c['kv_heads'], c['head_dim'], c['experts'], c['inter']
        P = past[0][0].shape[2] if past else 0
        x = self.embed[ids]
        qpos = torch.arange(P, P + S)
        kpos = torch.arange(P + S)
        causal = kpos[None, :] <= qpos[:, None]
        local = causal & (qpos[:, None] - kpos[None, :] < c['window'])
        for li, l in enumerate(self.layers):
            h = self.rms(x, l.attn_norm)
            q = (h @ self.W(l.q).T + l.qb).view(B, S, nh, hd).transpose(1, 2)
            k = (h @ self.W(l.k).T + l.kb).view(B, S, nkv, hd).transpose(1, 2)
            v = (h @ self.W(l.v).T + l.vb).view(B, S, nkv, hd).transpose(1, 2)
            q, k = self.rope(q, P, S), self.rope(k, P, S)
            if out_kv is not None: out_kv.append((k, v))
            if past:
                k = torch.cat([past[li][0][pidx], k], 2)
                v = torch.cat([past[li][1][pidx], v], 2)
            rep = nh // nkv
            k, v = k.repeat_interleave(rep, 1), v.repeat_interleave(rep, 1)
            scores = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
            allowed = local if li % 2 == 0 else causal
            scores = scores.masked_fill(~allowed, float('-inf'))
            sink = l.sinks.view(1, nh, 1, 1).expand(B, nh, S, 1)
            probs = torch.softmax(torch.cat([scores, sink], -1), -1)[..., :-1]
            a = (probs @ v).transpose(1, 2).reshape(B, S, nh * hd)
            x = x + a @ self.W(l.o).T + l.ob
            h = self.rms(x, l.mlp_norm)
            logits = h @ self.W(l.router).T + l.router_b
            top_v, top_i = torch.topk(logits, c['top_k'], -1)
            gates = torch.zeros_like(logits).scatter(-1, top_i, torch.softmax(top_v, -1))
            gu = torch.einsum('bsh,eih->bsei', h, self.W(l.gate_up)) + l.gate_up_b
            g = gu[..., 0::2].clamp(max=c['limit'])
            lin = gu[..., 1::2].clamp(-c['limit'], c['limit'])
            act = g * torch.sigmoid(c['alpha'] * g) * (lin + 1)
            out = torch.einsum('bsei,ehi->bseh', act, self.W(l.down)) + l.down_b
            x = x + (out * gates[..., None]).sum(-2)
        return self.rms(x, self.final_norm)

    def logits(self, h):
        return h @ self.W(self.lm_head).T + self.lm_head_b

def load(path, remap, preludes):
    """Rows as (prelude index, ids after the prelude, mask after the prelude); the prelude has no targets."""
    out = []
    for line in open(path):
        if not line.strip(): continue
        r = json.loads(line)
        ids = [remap[i] for i in r['ids']]
        pi = next(i for i, p in enumerate(preludes) if ids[:len(p)] == p)
        P = len(preludes[pi])
        assert not any(r['mask'][:P + 1])
        out.append((pi, ids[P:], r['mask'][P:]))
    return out

def batch_loss(model, batch, preludes):
    kv = []
    model.hidden(torch.tensor(preludes), out_kv=kv)
    past = kv
    S = max(len(x) for _, x, _ in batch)
    ids = torch.zeros(len(batch), S, dtype=torch.long)
    tgt = torch.full((len(batch), S), -100, dtype=torch.long)
    for b, (_, x, m) in enumerate(batch):
        ids[b, :len(x)] = torch.tensor(x)
        for t in range(1, len(x)):
            if m[t]: tgt[b, t - 1] = x[t]
    h = model.hidden(ids, past=past, pidx=torch.tensor([pi for pi, _, _ in batch]))
    sel = tgt != -100
    return F.cross_entropy(model.logits(h[sel]), tgt[sel])

def main():
    data_dir, out_dir = sys.argv[1], sys.argv[2]
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 7000
    torch.manual_seed(SEED); random.seed(SEED)
    torch.set_num_threads(int(os.environ.get('TRAIN_THREADS', '1')))
    vocab = json.load(open(os.path.join(out_dir, 'vocab.json')))
    remap = {v: i for i, v in enumerate(vocab)}
    preludes = [[remap[i] for i in p] for p in json.load(open(os.path.join(data_dir, 'preludes.json')))]
    assert len({len(p) for p in preludes}) == 1, 'preludes must share one length'
    train = load(os.path.join(data_dir, 'train.jsonl'), remap, preludes)
    held = load(os.path.join(data_dir, 'heldout.jsonl'), remap, preludes)
    model = Model(CFG, len(vocab))
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01, betas=(0.9, 0.98))
    log = open(os.path.join(out_dir, 'training-log.txt'), 'w')
    def say(s):
        print(s, flush=True); log.write(s + '\n'); log.flush()
    say(f'config {json.dumps(CFG)} vocab {len(vocab)} train {len(train)} heldout {len(held)} steps {steps} batch {BATCH} seed {SEED} torch {torch.__version__}')
    order = sorted(range(len(train)), key=lambda i: len(train[i][1]))
    batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
    t0 = time.time()
    for step in range(steps):
        if step == int(steps * (1 - QAT_FRACTION)):
            model.qat = True; say(f'step {step}: 4-bit fake quantisation on')
        lr = LR * min(1, (step + 1) / 100) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        for g in opt.param_groups: g['lr'] = lr
        batch = [train[i] for i in random.choice(batches)]
        loss = batch_loss(model, batch, preludes)
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0 or step == steps - 1:
            say(f'step {step} loss {loss.item():.4f} lr {lr:.2e} {time.time() - t0:.0f}s')
    model.eval()
    with torch.no_grad():
        hl = sum(batch_loss(model, held[i:i + BATCH], preludes).item() for i in range(0, len(held), BATCH)) / math.ceil(len(held) / BATCH)
    say(f'held-out loss (QAT weights) {hl:.4f}; {time.time() - t0:.0f}s')
    save(model, vocab, out_dir)

def save(model, vocab, out_dir):
    """fp32 raw tensors + an index; the TS bridge maps them into GptOssWeights over the full vocabulary.
    The weights the builder quantises are saved already quantised (model.W), so its 4-bit codes are exactly
    the ones trained with: the exported twins then compute what PyTorch computed."""
    tensors, blob, off = {}, bytearray(), 0
    with torch.no_grad():
        quantised = {n for n, p in model.named_parameters() if p.dim() >= 2 and n != 'embed' and not n.endswith('_b')}
        for name, p in model.named_parameters():
            t = (model.W(p) if name in quantised else p).detach().float().contiguous()
            raw = bytes(t.numpy().tobytes())
            tensors[name] = dict(offset=off, shape=list(p.shape))
            blob += raw; off += len(raw)
    open(os.path.join(out_dir, 'weights.f32.bin'), 'wb').write(blob)
    json.dump(dict(config=CFG, dtype='float32', tensors=tensors), open(os.path.join(out_dir, 'weights.json'), 'w'), indent=1)

if __name__ == '__main__':
    main()
