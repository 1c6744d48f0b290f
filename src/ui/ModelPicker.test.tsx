// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXES } from '../engine/protocol';
import { MODELS } from '../models/manifest';
import { formatBytes } from './format';
import { ModelPicker, type ModelEntry, type ModelPickerProps } from './ModelPicker';

afterEach(cleanup);

const demo = MODELS.find((m) => m.id === 'overtone-tiny-demo')!;
const big = MODELS.find((m) => m.id === 'gpt-oss-20b')!;
const reason = { code: 'no-shader-f16' as const, message: 'gpt-oss-20b needs the WebGPU feature(s) shader-f16, which this GPU lacks.', fix: FIXES['no-shader-f16'] };
const ENTRIES: ModelEntry[] = [
  { manifest: demo, runtime: { device: 'wasm', dtype: 'fp32' }, examples: ['What is 17 * 23?', 'Hello!'] },
  { manifest: big, reason },
];

function renderPicker(over: Partial<ModelPickerProps> = {}) {
  const props: ModelPickerProps = {
    models: ENTRIES,
    selectedId: demo.id,
    onSelect: vi.fn(),
    backend: 'auto',
    onBackendChange: vi.fn(),
    load: { status: 'idle' },
    ...over,
  };
  render(<ModelPicker {...props} />);
  return props;
}

describe('ModelPicker', () => {
  it('reports the pick of another model', () => {
    const onSelect = vi.fn();
    render(<ModelPicker models={[ENTRIES[0]!, { manifest: MODELS[1]! }]} selectedId={demo.id} onSelect={onSelect} backend="auto" onBackendChange={() => {}} load={{ status: 'idle' }} />);
    fireEvent.click(screen.getByRole('radio', { name: MODELS[1]!.label }));
    expect(onSelect).toHaveBeenCalledWith(MODELS[1]!.id);
    expect(screen.getByText(/checking this browser/)).toBeTruthy();
  });

  it('lists each model with its label, plain description and download size for the dtype it would use', () => {
    renderPicker();
    const radio = screen.getByRole('radio', { name: demo.label });
    expect(radio).toHaveProperty('checked', true);
    expect(screen.getByText(demo.description)).toBeTruthy();
    expect(screen.getByText(`${formatBytes(demo.bytes.fp32!)}, built in · runs on CPU (fp32)`)).toBeTruthy();
  });

  it('shows why a model cannot run here; it can still be picked, to see its checks', () => {
    const props = renderPicker();
    const radio = screen.getByRole('radio', { name: big.label });
    fireEvent.click(radio);
    expect(props.onSelect).toHaveBeenCalledWith(big.id);
    expect(screen.getByText(/Cannot run in this browser/).parentElement?.textContent).toContain(reason.message);
    expect(screen.getByText(/Cannot run in this browser/).parentElement?.textContent).toContain(reason.fix);
    expect(radio.getAttribute('aria-describedby')).toBeTruthy();
  });

  it('offers the selected model’s example prompts as buttons', () => {
    const onExample = vi.fn();
    renderPicker({ onExample });
    fireEvent.click(screen.getByRole('button', { name: 'What is 17 * 23?' }));
    expect(onExample).toHaveBeenCalledWith('What is 17 * 23?');
  });

  it('backend choice Auto / WebGPU / CPU', () => {
    const props = renderPicker();
    const select = screen.getByRole('combobox', { name: 'Backend' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toEqual(['Auto', 'WebGPU', 'CPU']);
    fireEvent.change(select, { target: { value: 'cpu' } });
    expect(props.onBackendChange).toHaveBeenCalledWith('cpu');
  });

  it('shows load progress in bytes and percent', () => {
    renderPicker({ load: { status: 'loading', loadedBytes: 12_400_000, totalBytes: 33_598_182 } });
    const bar = screen.getByRole('progressbar', { name: 'Loading the model' }) as HTMLProgressElement;
    expect(bar.value).toBe(12_400_000);
    expect(screen.getByText('Loading the model: 12.4 MB of 33.6 MB (36 %)')).toBeTruthy();
  });

  it('shows a load error with its fix and a way to retry', () => {
    const onLoad = vi.fn();
    renderPicker({ load: { status: 'error', error: { code: 'download', message: 'model.onnx failed to download.', fix: FIXES.download } }, onLoad });
    expect(screen.getByRole('alert').textContent).toContain(FIXES.download);
    fireEvent.click(screen.getByRole('button', { name: 'Try loading again' }));
    expect(onLoad).toHaveBeenCalled();
  });
});
