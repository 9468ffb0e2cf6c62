import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait for something the user would see; Testing Library's 1 s default is a timed assertion in
// disguise on a loaded 2-core CI machine, where a render can take longer. They still fail when it never comes.
const ASYNC_UTIL_TIMEOUT_MS = 5_000;
configure({ asyncUtilTimeout: ASYNC_UTIL_TIMEOUT_MS });

afterEach(() => cleanup());
