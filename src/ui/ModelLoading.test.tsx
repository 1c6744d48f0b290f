// @vitest-environment jsdom
// Issue 10 in the picker: the preflight before any download, the download view, loading from a folder, the
// "another tab runs it" banner and the Models screen, as the person sees them.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { preflight } from '../engine/capabilities';
import { FIXES, type DownloadProgress, type ProbeResult, type StoredModelInfo } from '../engine/protocol';
import { MODELS } from '../models/manifest';
import { preflightInfo } from '../store/preflight-info';
import { sendBlock } from './chat-props';
import { DownloadView } from './DownloadView';
import { EngineElsewhere } from './EngineElsewhere';
import { ModelPicker, type ModelEntry, type ModelPickerProps } from './ModelPicker';
import ModelsDialog, { type ModelsDialogProps } from './ModelsDialog';

afterEach(cleanup);

const demo = MODELS.find((m) => m.id === 'overtone-tiny-demo')!;
const big = MODELS.find((m) => m.id === 'gpt-oss-20b')!;
const SWIFTSHADER: ProbeResult = { webgpu: true, gpuApi: true, features: [], limits: { maxBufferSize: 2 ** 32, maxStorageBufferBindingSize: 2 ** 31 }, jspi: true, storage: { usage: 0, quota: 50e9 } };
const BIG_GPU: ProbeResult = { ...SWIFTSHADER, features: ['shader-f16'] };
const reasonOnSwiftShader = preflight(big, SWIFTSHADER).errors[0]!.toInfo();

function picker(over: Partial<ModelPickerProps> = {}) {
  const entries: ModelEntry[] = [
    { manifest: demo, runtime: { device: 'webgpu', dtype: 'fp32' } },
    { manifest: big, reason: reasonOnSwiftShader },
  ];
  const props: ModelPickerProps = { models: entries, selectedId: big.id, onSelect: vi.fn(), backend: 'auto', onBackendChange: vi.fn(), load: { status: 'idle' }, onLoad: vi.fn(), ...over };
  render(<ModelPicker {...props} />);
  return props;
}

const progress = (over: Partial<DownloadProgress> = {}): DownloadProgress => ({
  key: 'org/m@r', modelId: big.id, state: 'downloading', totalBytes: 12_624_046_638, storedBytes: 3_156_011_659, percent: 25, bytesPerSecond: 14_200_000, etaSeconds: 667,
  file: 'onnx/model_q4f16.onnx_data_1',
  files: [
    { path: 'config.json', bytes: 2_096, stored: 2_096, state: 'done' },
    { path: 'onnx/model_q4f16.onnx_data_1', bytes: 2_000_000_000, stored: 1_000_000_000, state: 'downloading' },
  ],
  resumed: 1, rangeIgnored: 0, corruptRefetched: 0, ...over,
});

describe('preflight in the picker', () => {
  it('gpt-oss-20b without shader-f16: the typed error with its fix, the checklist, and no way to start the download', () => {
    picker({ preflight: preflightInfo(big, SWIFTSHADER, {}) });
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('no-shader-f16');
    expect(alert.textContent).toContain(FIXES['no-shader-f16']);
    const checks = within(screen.getByRole('region', { name: 'Checks before loading' }));
    expect(checks.getByText('shader-f16').closest('li')?.getAttribute('data-state')).toBe('failed');
    expect(screen.getByRole('button', { name: 'Load model' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/nothing is downloaded until you press Load model/)).toBeTruthy();
  });

  it('a runnable hub model: Load model enabled; what is stored and the persistence answer are shown', () => {
    const stored = { storedBytes: 2e9, complete: false } as StoredModelInfo;
    const props = picker({ models: [{ manifest: big, runtime: { device: 'webgpu', dtype: 'q4f16' } }], preflight: preflightInfo(big, BIG_GPU, { stored, persisted: false }), persistence: 'denied' });
    expect(screen.getByText(/2\.0 GB of 12\.6 GB already stored here/)).toBeTruthy();
    expect(screen.getByText(/Persistent storage: not granted/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load model' }));
    expect(props.onLoad).toHaveBeenCalled();
  });

  it('another tab runs the engine: nothing loads here', () => {
    picker({ selectedId: demo.id, engineElsewhere: true, onLoadFolder: vi.fn() });
    expect(screen.getByRole('button', { name: 'Load model' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Load from folder…' })).toHaveProperty('disabled', true);
  });
});

describe('download view', () => {
  it('one bar with bytes, %, speed and time left; pause; per-file detail on demand', () => {
    const onPause = vi.fn();
    const onCancel = vi.fn();
    render(<DownloadView download={progress()} onPause={onPause} onResume={vi.fn()} onCancel={onCancel} />);
    const bar = screen.getByRole('progressbar', { name: 'Downloading the model' }) as HTMLProgressElement;
    expect(bar.value).toBe(3_156_011_659);
    expect(screen.getByText('3.2 GB of 12.6 GB (25 %) · 14.2 MB/s · 11 min left')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onPause).toHaveBeenCalled();
    expect(onCancel).toHaveBeenCalled();
    const files = screen.getByText('Files (1 of 2 done)').closest('details')!;
    expect(files.open).toBe(false);
    expect(within(files).getByText('onnx/model_q4f16.onnx_data_1').closest('tr')?.textContent).toContain('1.0 GB of 2.0 GB');
  });

  it('paused: Resume instead of Pause; retrying says why and when', () => {
    const onResume = vi.fn();
    const { rerender } = render(<DownloadView download={progress({ state: 'paused', bytesPerSecond: 0, etaSeconds: null })} onResume={onResume} />);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(onResume).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    rerender(<DownloadView download={progress({ state: 'retrying', retry: { attempt: 2, inMs: 4_000, reason: 'connection dropped at byte 5,000,000' } })} />);
    expect(screen.getByRole('status').textContent).toBe('Connection problem (connection dropped at byte 5,000,000); retrying in 4.0 s (attempt 2).');
  });

  it('in the picker while a hub model loads', () => {
    picker({ models: [{ manifest: big, runtime: { device: 'webgpu', dtype: 'q4f16' } }], load: { status: 'loading', download: progress() } });
    expect(screen.getByRole('progressbar', { name: 'Downloading the model' })).toBeTruthy();
  });
});

describe('load from a folder', () => {
  it('without a directory picker the folder input gives the files with their paths inside the folder', () => {
    const onLoadFolder = vi.fn();
    picker({ selectedId: demo.id, onLoadFolder });
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    expect(input.hasAttribute('webkitdirectory')).toBe(true);
    const file = new File(['{}'], 'config.json');
    Object.defineProperty(file, 'webkitRelativePath', { value: 'demo/config.json' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(onLoadFolder).toHaveBeenCalledWith([{ path: 'demo/config.json', file }]);
  });

  it('an incomplete folder: the error names the missing file', () => {
    picker({ selectedId: demo.id, load: { status: 'error', error: { code: 'incomplete-folder', message: 'The picked folder (demo) does not hold the whole model: missing onnx/model.onnx_data.', fix: FIXES['incomplete-folder'] } } });
    expect(screen.getByRole('alert').textContent).toContain('missing onnx/model.onnx_data');
  });
});

describe('one engine per browser', () => {
  it('the banner says the model runs in another tab and offers "Use here"', () => {
    const onUseHere = vi.fn();
    render(<EngineElsewhere onUseHere={onUseHere} />);
    expect(screen.getByRole('alert').textContent).toContain('Overtone is running the model in another tab');
    fireEvent.click(screen.getByRole('button', { name: 'Use here' }));
    expect(onUseHere).toHaveBeenCalled();
  });

  it('sending: blocked while another tab runs the engine, and for a hub model nobody chose to download', () => {
    const base = { models: MODELS, availability: { [demo.id]: { ok: true, runtime: { device: 'wasm', dtype: 'fp32' } }, [big.id]: { ok: true, runtime: { device: 'webgpu', dtype: 'q4f16' } } } as const, lock: 'owner' as const, status: 'idle' as const, modelId: null, preflight: null };
    expect(sendBlock(base, demo.id)).toEqual({ canSend: true });
    expect(sendBlock({ ...base, lock: 'elsewhere' }, demo.id).reason).toMatch(/another tab/);
    expect(sendBlock(base, big.id).reason).toMatch(/Load model/);
    expect(sendBlock({ ...base, status: 'loading', modelId: big.id }, big.id)).toEqual({ canSend: true });
  });
});

describe('Models screen', () => {
  const stored = (key: string, complete: boolean, appVersion = '0.1.0'): StoredModelInfo => ({
    key, modelId: big.id, dtype: 'q4f16', repo: 'onnx-community/gpt-oss-20b-ONNX', revision: '6dcc680ae66791268a1e4e96fc3bfd0e5d3662e7', appVersion, formatVersion: 1,
    complete, storedBytes: complete ? 12_624_046_638 : 4_100_000_000, totalBytes: 12_624_046_638, updatedAt: 1, files: [],
  });
  function dialog(over: Partial<ModelsDialogProps> = {}) {
    const props: ModelsDialogProps = {
      onClose: vi.fn(), status: 'ready', models: [stored('a@1', true), stored('b@2', false, '0.0.9')], backend: 'opfs', storage: { usage: 16.8e9, quota: 300e9, persisted: false },
      error: null, deleting: null, onDelete: vi.fn(), appVersion: '0.1.0', labels: { [big.id]: 'gpt-oss-20b' }, ...over,
    };
    render(<ModelsDialog {...props} />);
    return props;
  }

  it('what is stored (complete or partial, size, app version) and storage used / available / persisted', () => {
    dialog();
    const items = within(screen.getByRole('list', { name: 'Stored models' })).getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Complete: loads with no network.');
    expect(items[0]!.textContent).toContain('stored by Overtone 0.1.0');
    expect(items[1]!.textContent).toContain('Partial: 4.1 GB of 12.6 GB');
    expect(items[1]!.textContent).toContain('stored by Overtone 0.0.9 (this is 0.1.0)');
    const summary = screen.getByText('Used').closest('dl')!.textContent!;
    expect(summary).toContain('16.8 GB');
    expect(summary).toContain('283 GB');
    expect(summary).toMatch(/Persistentno/);
  });

  it('Delete asks first; Keep cancels, Yes deletes', () => {
    const props = dialog();
    const first = within(screen.getByRole('list', { name: 'Stored models' })).getAllByRole('listitem')[0]!;
    fireEvent.click(within(first).getByRole('button', { name: 'Delete gpt-oss-20b' }));
    fireEvent.click(within(first).getByRole('button', { name: 'Keep' }));
    expect(props.onDelete).not.toHaveBeenCalled();
    fireEvent.click(within(first).getByRole('button', { name: 'Delete gpt-oss-20b' }));
    fireEvent.click(within(first).getByRole('button', { name: 'Yes, delete' }));
    expect(props.onDelete).toHaveBeenCalledWith('a@1');
  });

  it('nothing stored', () => {
    dialog({ models: [], storage: null });
    expect(screen.getByText('No downloaded models are stored in this browser.')).toBeTruthy();
    expect(screen.getByText(/does not say how much storage/)).toBeTruthy();
  });
});
