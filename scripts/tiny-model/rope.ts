// YaRN rotary tables as gpt-oss computes them (concentration-scaled cos/sin; NTK-by-parts blend between
// interpolated and extrapolated frequencies). Shape [maxPositions, headDim/2], the GroupQueryAttention layout.
import type { TinyConfig } from './config';

export function yarnTables(c: TinyConfig): { cos: Float32Array; sin: Float32Array } {
  const half = c.headDim / 2;
  const { factor, betaFast, betaSlow, originalMaxPositions } = c.yarn;
  const invFreq = new Float64Array(half);
  let concentration = 1;
  if (factor > 1) {
    concentration = 0.1 * Math.log(factor) + 1;
    const low = (half * Math.log(originalMaxPositions / (betaFast * 2 * Math.PI))) / Math.log(c.ropeTheta);
    const high = (half * Math.log(originalMaxPositions / (betaSlow * 2 * Math.PI))) / Math.log(c.ropeTheta);
    for (let i = 0; i < half; i++) {
      const freq = c.ropeTheta ** ((2 * i) / c.headDim);
      const ramp = Math.min(1, Math.max(0, (i - low) / (high - low)));
      const mask = 1 - ramp;
      invFreq[i] = (1 / (factor * freq)) * (1 - mask) + (1 / freq) * mask;
    }
  } else {
    for (let i = 0; i < half; i++) invFreq[i] = 1 / c.ropeTheta ** ((2 * i) / c.headDim);
  }
  const cos = new Float32Array(c.maxPositions * half);
  const sin = new Float32Array(c.maxPositions * half);
  for (let p = 0; p < c.maxPositions; p++) {
    for (let i = 0; i < half; i++) {
      cos[p * half + i] = Math.cos(p * invFreq[i]!) * concentration;
      sin[p * half + i] = Math.sin(p * invFreq[i]!) * concentration;
    }
  }
  return { cos, sin };
}
