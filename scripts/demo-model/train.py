"""Trains the tiny gpt-oss demo model on the packed rows from make-data.ts (CUDA when available, else CPU; seeded).

The math is exactly the project's TS reference forward pass (scripts/tiny-model/reference.ts): RMSNorm,
attention with per-head sinks, alternating sliding (even layers) / full attention, YaRN RoPE on halves,
MoE top-k with softmax over the selected router logits, SwiGLU (alpha 1.702, clamp 7, "+1" on the linear
half), biases everywhere. The last QAT_FRACTION of steps fake-quantise every linear weight exactly like the
4-bit builder (blocks of 32, scale = fp16(absmax / 7)) so the exported twins compute what PyTorch computed.
Vocabulary: the embedding has one row per trained id plus a last "unknown" row (rare and unseen ids); lm_head
has one row per trained id (export adds the unknown row with a -1e4 bias).

Training is sized by wall time (--seconds: the schedule follows elapsed time, so the run ends on time at any
speed) or by a fixed --steps. CPU runs with --steps and one thread are bit-reproducible for a seed
(two 3-step runs: identical weights); with 2 threads they are not (two 3-step runs differed, most likely threaded sums
adding in another order), and CUDA runs are not bit-identical either. That is fine because the committed artefacts
(not a rerun) are what the build uses.

Usage: python3 train.py DATA_DIR OUT_DIR [--seconds 165] [--steps N] [--tokens 65536] [--device auto|cpu|cuda]
Writes OUT_DIR/weights.bin, weights.json, vocab.json, training-log.txt (save() describes the format).
"""
import argparse, gzip, json, math, os, random, sys, time
import numpy as np
import torch
import torch.nn.functional as F

CFG = dict(hidden=256, layers=4, heads=8, kv_heads=4, head_dim=32, experts=8, top_k=2, inter=256, window=128,
           max_pos=4096, rope_theta=150000.0, yarn_factor=32.0, beta_fast=32.0, beta_slow=1.0, orig_max=4096,
           eps=1e-5, limit=7.0, alpha=1.702, block=32)
SEED, LR, WARMUP, QAT_FRACTION = 1234, 3e-3, 200, 0.3
# Share of swappable user-text tokens (see dataset.ts) replaced by the unknown row in each step.
SWAP_P = 0.08

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
        """vocab: trained ids; the embedding gets vocab + 1 rows (the last = unknown), lm_head vocab rows."""
        super().__init__()
        self.c, H = c, c['hidden']
        qd, kvd, E, I = c['heads'] * c['head_dim'], c['kv_heads'] * c['head_dim'], c['experts'], c['inter']
        P = lambda *s, std=0.02: torch.nn.Parameter(torch.randn(*s) * std)
        O = lambda *s: torch.nn.Parameter(torch.ones(*s))
        Z = lambda *s: torch.nn.Parameter(torch.zeros(*s))
        self.embed = P(vocab + 1, H, std=1.0)
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
        """ids [B, S]. past: per layer (K, V) [P_batch, nkv, P, hd] of a shared prefix; pidx picks each row's
        prefix. out_kv collects this call's per-layer (K, V) (used to compute the prefixes)."""
        c = self.c
        B, S = ids.shape
        nh, nkv, hd = c['heads'], c['kv_heads'], c['head_dim']
        P = past[0][0].shape[2] if past else 0
        x = self.embed[ids]
        qpos = torch.arange(P, P + S, device=ids.device)
        kpos = torch.arange(P + S, device=ids.device)
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
            x = x + self.moe(l, h)
        return self.rms(x, self.final_norm)

    def swiglu(self, gu):
        c = self.c
        g = gu[..., 0::2].clamp(max=c['limit'])
        lin = gu[..., 1::2].clamp(-c['limit'], c['limit'])
        return g * torch.sigmoid(c['alpha'] * g) * (lin + 1)

    def moe(self, l, h):
        """Top-k experts per token, softmax over the selected router logits. Only the chosen experts run: tokens
        are gathered per expert and their weighted outputs added back (moe_dense is the same math, all experts)."""
        c = self.c
        shape = h.shape
        flat = h.reshape(-1, shape[-1])
        logits = flat @ self.W(l.router).T + l.router_b
        top_v, top_i = torch.topk(logits, c['top_k'], -1)
        weights = torch.softmax(top_v, -1)
        gate_up, down = self.W(l.gate_up), self.W(l.down)
        out = torch.zeros_like(flat)
        for e in range(c['experts']):
            token, slot = (top_i == e).nonzero(as_tuple=True)
            if token.numel() == 0: continue
            act = self.swiglu(flat[token] @ gate_up[e].T + l.gate_up_b[e])
            y = act @ down[e].T + l.down_b[e]
            out = out.index_add(0, token, y * weights[token, slot][:, None])
        return out.reshape(shape)

    def moe_dense(self, l, h):
        c = self.c
        logits = h @ self.W(l.router).T + l.router_b
        top_v, top_i = torch.topk(logits, c['top_k'], -1)
        gates = torch.zeros_like(logits).scatter(-1, top_i, torch.softmax(top_v, -1))
        act = self.swiglu(torch.einsum('bsh,eih->bsei', h, self.W(l.gate_up)) + l.gate_up_b)
        out = torch.einsum('bsei,ehi->bseh', act, self.W(l.down)) + l.down_b
        return (out * gates[..., None]).sum(-2)

    def logits(self, h):
        return h @ self.W(self.lm_head).T + self.lm_head_b

def read_rows(path):
    """packRows' format: uint32 N, uint32 offsets[N + 1], uint16 prelude[N], uint16 tokens (bits 0-13 row,
    bit 14 = swappable for the unknown row, bit 15 = target)."""
    buf = gzip.decompress(open(path, 'rb').read())
    n = int(np.frombuffer(buf, '<u4', 1, 0)[0])
    offsets = np.frombuffer(buf, '<u4', n + 1, 4).astype(np.int64)
    which = np.frombuffer(buf, '<u2', n, 4 + 4 * (n + 1)).astype(np.int64)
    tokens = np.frombuffer(buf, '<u2', int(offsets[-1]), 4 + 4 * (n + 1) + 2 * n)
    return [(int(which[i]), tokens[offsets[i]:offsets[i + 1]]) for i in range(n)]

def make_batches(rows, token_budget, device, unknown):
    """Rows sorted by length, grouped so that rows x longest <= token_budget, padded once onto the device:
    (ids [B, S], targets [B, S] with -100 where no loss, swappable [B, S] bool, prelude index [B])."""
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][1]))
    groups, cur = [], []
    for i in order:
        if cur and (len(cur) + 1) * len(rows[i][1]) > token_budget:
            groups.append(cur); cur = []
        cur.append(i)
    if cur: groups.append(cur)
    batches = []
    for g in groups:
        S = max(len(rows[i][1]) for i in g)
        ids = np.zeros((len(g), S), np.int64)
        tgt = np.full((len(g), S), -100, np.int64)
        swap = np.zeros((len(g), S), np.bool_)
        for b, i in enumerate(g):
            t = rows[i][1].astype(np.int64)
            ids[b, :len(t)] = t & 0x3fff
            swap[b, :len(t)] = (t & 0x4000) != 0
            hit = ((t[1:] & 0x8000) != 0) & ((t[1:] & 0x3fff) != unknown)  # validation may hold words training never had
            tgt[b, :len(t) - 1][hit] = (t[1:] & 0x3fff)[hit]
        batches.append((torch.from_numpy(ids).to(device), torch.from_numpy(tgt).to(device), torch.from_numpy(swap).to(device),
                        torch.tensor([rows[i][0] for i in g], device=device)))
    return batches

def batch_loss(model, batch, preludes, unknown=None):
    """unknown: the unknown row's index to swap in (training), or None (evaluation)."""
    ids, tgt, swap, pidx = batch
    if unknown is not None:
        ids = torch.where(swap & (torch.rand(ids.shape, device=ids.device) < SWAP_P), torch.full_like(ids, unknown), ids)
    kv = []
    model.hidden(preludes, out_kv=kv)
    h = model.hidden(ids, past=kv, pidx=pidx)
    sel = tgt != -100
    return F.cross_entropy(model.logits(h[sel]), tgt[sel])

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('data_dir'); ap.add_argument('out_dir')
    ap.add_argument('--seconds', type=float, default=165, help='wall-time budget for the training steps')
    ap.add_argument('--steps', type=int, default=0, help='fixed step count instead of the time budget')
    ap.add_argument('--tokens', type=int, default=65536, help='padded tokens per batch')
    ap.add_argument('--device', default='auto')
    ap.add_argument('--valid-rows', type=int, default=0, help='validation rows to score at the end (0 = all)')
    ap.add_argument('--threads', type=int, default=int(os.environ.get('TRAIN_THREADS', '1')))
    ap.add_argument('--config', default='', help='JSON overriding model sizes (e.g. a smaller model for a CPU-only run)')
    ap.add_argument('--init', default='', help="a previous run's artefact folder to continue from (its config, its rows of a grown vocabulary; a fresh optimiser)")
    ap.add_argument('--lr', type=float, default=LR, help='peak learning rate')
    ap.add_argument('--seed', type=int, default=SEED)
    a = ap.parse_args()
    if a.config: CFG.update(json.loads(a.config))
    if a.init: CFG.update(json.load(open(os.path.join(a.init, 'weights.json')))['config'])
    if a.data_dir == 'selftest': return selftest()
    device = torch.device('cuda' if a.device == 'auto' and torch.cuda.is_available() else ('cpu' if a.device == 'auto' else a.device))
    torch.manual_seed(a.seed); random.seed(a.seed); np.random.seed(a.seed)
    if device.type == 'cuda':
        torch.cuda.manual_seed_all(a.seed)
        torch.set_float32_matmul_precision('high')  # TF32 matmuls
    else:
        torch.set_num_threads(a.threads)
    os.makedirs(a.out_dir, exist_ok=True)
    t_start = time.time()
    meta = json.load(open(os.path.join(a.data_dir, 'meta.json')))
    vocab = meta['vocab']
    log = open(os.path.join(a.out_dir, 'training-log.txt'), 'w')
    def say(s):
        print(s, flush=True); log.write(s + '\n'); log.flush()
    gpu = torch.cuda.get_device_name(0) if device.type == 'cuda' else f'cpu x{a.threads}'
    train = read_rows(os.path.join(a.data_dir, 'train.bin.gz'))
    valid = read_rows(os.path.join(a.data_dir, 'valid.bin.gz'))
    if a.valid_rows: valid = valid[:a.valid_rows]
    batches = make_batches(train, a.tokens, device, len(vocab))
    vbatches = make_batches(valid, a.tokens, device, len(vocab))
    preludes = torch.tensor(meta['preludes'], device=device)
    model = Model(CFG, len(vocab))
    if a.init:
        old_vocab = json.load(open(os.path.join(a.init, 'vocab.json')))
        if old_vocab == vocab: load(model, a.init)
        else: say(f'--init: vocabulary {len(old_vocab)} -> {len(vocab)} ids; ' + load_grown(model, a.init, old_vocab, vocab))
    model = model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01, betas=(0.9, 0.98))
    params = sum(p.numel() for p in model.parameters())
    say(f'config {json.dumps(CFG)} vocab {len(vocab)}+1 params {params} train {len(train)} rows in {len(batches)} batches of <= {a.tokens} tokens, valid {len(valid)}; '
        f'seed {a.seed} lr {a.lr} init {a.init or "random"} steps {a.steps or "by clock"} torch {torch.__version__} device {gpu}; data loaded in {time.time() - t_start:.1f} s')

    def step_once(lr):
        for g in opt.param_groups: g['lr'] = lr
        loss = batch_loss(model, random.choice(batches), preludes, unknown=len(vocab))
        opt.zero_grad(set_to_none=True); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss

    # The schedule runs on progress: steps done / --steps, or else wall time / --seconds, so a run ends on time
    # whatever the GPU's speed (warm-up, cosine decay to 10%, fake quantisation for the last QAT_FRACTION).
    t0 = time.time()
    step = 0
    progress = lambda: step / a.steps if a.steps else (time.time() - t0) / a.seconds
    while (p := progress()) < 1:
        if p >= 1 - QAT_FRACTION and not model.qat:
            model.qat = True; say(f'step {step}: 4-bit fake quantisation on')
        lr = a.lr * min(1, (step + 1) / WARMUP) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * p)))
        loss = step_once(lr)
        if step % 100 == 0:
            say(f'step {step} loss {loss.item():.4f} lr {lr:.2e} {time.time() - t0:.0f}s')
        step += 1
    say(f'step {step} loss {loss.item():.4f} (last)')
    # From here on the weights are their 4-bit values (quantising them again is exact), so no per-call quantiser.
    model.qat = True
    with torch.no_grad():
        for n, p in model.named_parameters():
            if p.dim() >= 2 and n != 'embed' and not n.endswith('_b'): p.copy_(quant_q4(p.reshape(-1, p.shape[-1]), CFG['block']).reshape(p.shape))
    model.qat = False
    model.eval()
    with torch.no_grad():
        vl = [batch_loss(model, b, preludes).item() for b in vbatches]
    say(f'trained {step} steps in {time.time() - t0:.0f} s; validation loss (4-bit weights) {sum(vl) / len(vl):.4f}; total {time.time() - t_start:.0f} s')
    save(model, vocab, a.out_dir)

def selftest():
    """`python3 train.py selftest x`: the sparse MoE equals the dense one, and save/load round-trips exactly."""
    torch.manual_seed(0)
    c = dict(CFG, hidden=64, inter=64, experts=4, layers=2, heads=4, kv_heads=2, head_dim=16)
    m = Model(c, 50)
    with torch.no_grad():
        for p in m.parameters(): p.add_(torch.randn_like(p) * 0.05)
    h = torch.randn(3, 7, 64)
    for qat in (False, True):
        m.qat = qat
        d = (m.moe(m.layers[0], h) - m.moe_dense(m.layers[0], h)).abs().max().item()
        assert d < 1e-5, f'sparse vs dense MoE differ by {d}'
    import tempfile
    out = tempfile.mkdtemp()
    save(m, list(range(50)), out)
    m2 = Model(c, 50); load(m2, out); m2.qat = True
    ids = torch.randint(0, 51, (2, 9))
    diff = (m.logits(m.hidden(ids)) - m2.logits(m2.hidden(ids))).abs().max().item()
    assert diff == 0, f'save/load changed the logits by {diff}'
    grown_vocab = list(range(10)) + [1000, 1001] + list(range(11, 50))  # id 10 dropped, two new ids
    g = Model(c, len(grown_vocab)); msg = load_grown(g, out, list(range(50)), grown_vocab)
    assert msg == '49 kept, 2 new, 1 dropped', msg
    with torch.no_grad():
        m.qat = False; g.qat = False
        for i, t in enumerate(grown_vocab):
            if t < 1000: assert torch.equal(g.embed[i], m2.embed[t]) and torch.equal(g.lm_head[i], m2.lm_head[t]), f'row of id {t} changed'
        assert torch.equal(g.embed[len(grown_vocab)], m2.embed[50]), 'unknown row changed'
    print('selftest ok: sparse MoE == dense MoE; save/load exact; a grown vocabulary keeps every known row')

def q4_codes(w, block):
    """quant_q4's codes (0..15 = code + 8) and fp16 scales for a [N, K] weight: the compact artefact form."""
    n, k = w.shape
    b = w.detach().double().cpu().reshape(n, k // block, block)
    amax = b.abs().amax(-1, keepdim=True)
    scale = torch.where(amax > 0, amax / 7, torch.ones_like(amax)).float().half()
    q = torch.clamp(torch.floor(b / scale.double() + 0.5), -8, 7)
    return (q + 8).to(torch.uint8).reshape(n, k).numpy(), scale.reshape(n, k // block).numpy()

def save(model, vocab, out_dir):
    """weights.bin + weights.json (index) + vocab.json. Every weight the builder quantises is stored as its 4-bit
    codes (two per byte, low nibble first, like quant.ts) and fp16 block scales; everything else as fp32. The
    codes are the ones trained with (fake quantisation on), and the builder re-derives exactly these codes from
    the dequantised values, so the exported twins compute what PyTorch computed."""
    model.qat = True
    c = model.c
    tensors, blob = {}, bytearray()
    def put(raw):
        pad = (-len(blob)) % 4
        blob.extend(b'\0' * pad)
        at = len(blob); blob.extend(raw); return at
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2 and name != 'embed' and not name.endswith('_b'):  # exactly the weights W() quantises
                w2 = p.reshape(-1, p.shape[-1])
                codes, scales = q4_codes(w2, c['block'])
                back = (codes.astype(np.float64) - 8) * scales.astype(np.float64).repeat(c['block'], 1)
                assert np.array_equal(back.astype(np.float32), quant_q4(w2, c['block']).cpu().numpy()), name
                packed = (codes[:, 0::2] | (codes[:, 1::2] << 4)).astype(np.uint8)
                tensors[name] = dict(shape=list(p.shape), encoding='q4', offset=put(packed.tobytes()), scales=put(scales.astype('<f2').tobytes()))
            else:
                tensors[name] = dict(shape=list(p.shape), encoding='f32', offset=put(p.detach().float().cpu().numpy().astype('<f4').tobytes()))
    open(os.path.join(out_dir, 'weights.bin'), 'wb').write(bytes(blob))
    json.dump(dict(config=c, format='q4-f32', block=c['block'], tensors=tensors), open(os.path.join(out_dir, 'weights.json'), 'w'), indent=1)
    with open(os.path.join(out_dir, 'vocab.json'), 'w') as f:
        f.write(json.dumps(vocab) + '\n')

def load(model, art):
    """Reads save()'s artefacts back into the model (dequantised weights)."""
    index = json.load(open(os.path.join(art, 'weights.json')))
    blob = open(os.path.join(art, 'weights.bin'), 'rb').read()
    block = index['block']
    with torch.no_grad():
        for name, p in model.named_parameters():
            t = index['tensors'][name]
            n = int(np.prod(t['shape']))
            if t['encoding'] == 'f32':
                arr = np.frombuffer(blob, '<f4', n, t['offset'])
            else:
                k = t['shape'][-1]
                packed = np.frombuffer(blob, np.uint8, n // 2, t['offset']).reshape(-1, k // 2)
                codes = np.empty((packed.shape[0], k), np.float64)
                codes[:, 0::2], codes[:, 1::2] = packed & 15, packed >> 4
                scales = np.frombuffer(blob, '<f2', n // block, t['scales']).astype(np.float64).reshape(-1, k // block)
                arr = ((codes - 8) * scales.repeat(block, 1)).astype(np.float32)
            p.copy_(torch.from_numpy(np.array(arr).reshape(t['shape'])))
    return index

def load_grown(model, art, old_vocab, vocab):
    """Loads artefacts trained on another vocabulary (the data gained words): every id both know keeps its rows;
    a new id reads like the unknown row did (plus a little noise, so new ids can part) and starts 4 nats less
    likely than the average id in the output, which training then raises where the data says so."""
    old = Model(model.c, len(old_vocab)); load(old, art)
    pos = {t: i for i, t in enumerate(old_vocab)}
    kept = [(i, pos[t]) for i, t in enumerate(vocab) if t in pos]
    new_rows = [i for i, t in enumerate(vocab) if t not in pos]
    old_params = dict(old.named_parameters())
    with torch.no_grad():
        for name, p in model.named_parameters():
            q = old_params[name]
            if name == 'embed':
                p.copy_(q[len(old_vocab)].expand_as(p) + 0.02 * torch.randn_like(p))
                for i, j in kept: p[i] = q[j]
                p[len(vocab)] = q[len(old_vocab)]
            elif name in ('lm_head', 'lm_head_b'):
                p.copy_(torch.randn_like(p) * 0.02 if name == 'lm_head' else torch.full_like(p, q.mean().item() - 4))
                for i, j in kept: p[i] = q[j]
            else:
                p.copy_(q)
    return f'{len(kept)} kept, {len(new_rows)} new, {len(old_vocab) - len(kept)} dropped'

if __name__ == '__main__':
    main()
