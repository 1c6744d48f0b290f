// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadStatus } from './LoadStatus';

afterEach(cleanup);

describe('LoadStatus', () => {
  it('after the download, says what the backend is doing: shaders only on WebGPU', () => {
    render(<LoadStatus load={{ status: 'loading', loadedBytes: 10, totalBytes: 10, backend: 'webgpu', dtype: 'fp32' }} canLoad />);
    expect(screen.getByText('Preparing the model (compiling GPU shaders, warming up)…')).toBeTruthy();
    cleanup();
    render(<LoadStatus load={{ status: 'loading', loadedBytes: 10, totalBytes: 10, backend: 'wasm', dtype: 'fp32' }} canLoad />);
    expect(screen.getByText('Preparing the model…')).toBeTruthy();
    expect(screen.queryByText(/GPU shaders/)).toBeNull();
  });
});
