/** Storage each thread has its own copy of, or whose every access is atomic: `_Thread_local`, `__thread`, `_Atomic`, `__declspec(thread)`. */
export const THREAD_SAFE_STORAGE = /\b(?:_Thread_local|thread_local|__thread|_Atomic|Py_thread_local)\b|__declspec\s*\(\s*thread\s*\)/;
