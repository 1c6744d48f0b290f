"""Dumps the trained model's logits (PyTorch, 4-bit fake-quantised weights as exported) for held-out
conversations, for crosscheck.ts to compare with the exported ONNX twins.
Usage: python3 crosscheck.py DATA_DIR ARTIFACTS_DIR OUT_JSON [cases] [positions]"""
import json, os, sys
import numpy as np
import torch
from train import CFG, Model

def main():
    data_dir, art, out = sys.argv[1], sys.argv[2], sys.argv[3]
    cases = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    keep = int(sys.argv[5]) if len(sys.argv) > 5 else 40
    torch.set_num_threads(1)
    vocab = json.load(open(os.path.join(art, 'vocab.json')))
    remap = {v: i for i, v in enumerate(vocab)}
    index = json.load(open(os.path.join(art, 'weights.json')))
    blob = open(os.path.join(art, 'weights.f32.bin'), 'rb').read()
    model = Model(index['config'], len(vocab))
    with torch.no_grad():
        for name, p in model.named_parameters():
            t = index['tensors'][name]
            n = int(np.prod(t['shape']))
            arr = np.frombuffer(blob, dtype=np.float32, count=n, offset=t['offset'])
            p.copy_(torch.from_numpy(arr.reshape(t['shape'])))
    model.qat = True
    rows = [json.loads(l) for l in open(os.path.join(data_dir, 'heldout.jsonl')) if l.strip()][:cases]
    result = []
    with torch.no_grad():
        for r in rows:
            ids = r['ids']
            logits = model.logits(model.hidden(torch.tensor([[remap[i] for i in ids]])))[0]
            result.append(dict(ids=ids, first=len(ids) - keep, logits=logits[-keep:].tolist()))
    json.dump(dict(vocab=vocab, cases=result), open(out, 'w'))
    print(f'crosscheck.py: {len(result)} cases, lengths {[len(c["ids"]) for c in result]} -> {out}')

if __name__ == '__main__':
    main()
