"""Dumps the trained model's logits (PyTorch on CPU, 4-bit fake-quantised weights as exported) for the
conversations in crosscheck.json (make-data.ts), for crosscheck.ts to compare with the exported ONNX twins.
Ids outside the trained vocabulary read the unknown row, as in the ONNX graph's id map.
Usage: python3 crosscheck.py DATA_DIR ARTIFACTS_DIR OUT_JSON [positions]"""
import json, os, sys
import torch
from train import Model, load

def main():
    data_dir, art, out = sys.argv[1], sys.argv[2], sys.argv[3]
    keep = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    torch.set_num_threads(1)
    vocab = json.load(open(os.path.join(art, 'vocab.json')))
    row = {v: i for i, v in enumerate(vocab)}
    model = Model(json.load(open(os.path.join(art, 'weights.json')))['config'], len(vocab))
    load(model, art)
    model.qat = True
    cases = json.load(open(os.path.join(data_dir, 'crosscheck.json')))['cases']
    result = []
    with torch.no_grad():
        for ids in cases:
            rows = [row.get(i, len(vocab)) for i in ids]
            logits = model.logits(model.hidden(torch.tensor([rows])))[0]
            result.append(dict(ids=ids, first=len(ids) - keep, logits=logits[-keep:].tolist(), unknown=sum(r == len(vocab) for r in rows)))
    json.dump(dict(vocab=vocab, cases=result), open(out, 'w'))
    print(f'crosscheck.py: {len(result)} cases, lengths {[len(c["ids"]) for c in result]}, ids on the unknown row {[c["unknown"] for c in result]} -> {out}')

if __name__ == '__main__':
    main()
