import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../src/facts/guards.js';
import { lockIndex } from '../src/facts/locks.js';
import { callableFromPython, callableKey } from '../src/facts/reach.js';
import type { InFile } from '../src/facts/modules.js';
import { THREAD_SAFE_STORAGE } from '../src/facts/storage.js';
import type { VariableFact } from '../src/facts/types.js';
import { HOWTO, supportsPythonBefore313 } from './support/module-parts.js';

type MessageId = 'lazyCache' | 'write';


/** Declarations by function (empty at file scope) and name: one per `#if` branch that declares it. */
function declarations(variables: readonly VariableFact[]): Map<string, VariableFact[]> {
  const byKey = new Map<string, VariableFact[]>();
  for (const v of variables) {
    const key = `${v.inFunction ?? ''}\0${v.name}`;
    const same = byKey.get(key);
    if (same) same.push(v);
    else byKey.set(key, [v]);
  }
  return byKey;
}

/**
 * A declaration the free-threaded build may compile that every thread shares; undefined when each
 * of them is thread-local or atomic (`static __thread int depth;` under `#ifdef Py_GIL_DISABLED`,
 * a plain `static int depth;` in the `#else`).
 */
function sharedDeclaration(declared: readonly VariableFact[]): VariableFact | undefined {
  return declared.find((v) => compiledInAny(v.guard, FREE_THREADED_RELEASE) !== false && !v.qualifiers.some((q) => THREAD_SAFE_STORAGE.test(q)));
}

export default defineRule<MessageId>({
  id: 'static-state-write',
  category: 'global-state',
  severity: 'warning',
  precision: 'medium',
  status: 'stable',
  guide: `${HOWTO}#protecting-internal-extension-state`,
  references: ['https://docs.python.org/3.14/howto/isolating-extensions.html', 'https://docs.python.org/3.14/c-api/init.html#c.PyMutex'],
  replacement: 'per-module state, initialisation in the exec slot, a PyMutex, C11 atomics or _Thread_local',
  since: '3.13 (PyMutex)',
  compat: 'PyMutex: no (3.13+); module state and atomics work in every version',
  verified: 'Doc/howto/free-threading-extensions.rst (3.14), section Protecting Internal Extension State; Doc/c-api/init.rst PyMutex (3.13)',
  docs: {
    what:
      'Finds writes to static and global variables, at file scope or inside functions (lazy caches, counters, flags, tables, buffers filled by memcpy or snprintf, objects replaced with Py_XSETREF or Py_CLEAR), and to the globals of other files declared extern in a scanned header, in functions that Python code can call — functions named in a method table or type slot, and what they call — when no lock, critical section, atomic or thread-local storage protects them, in the function or around every call that leads to it.',
    why:
      'With the GIL, C code between two Python API calls ran alone, so a static could be filled on first use or counted up without a lock. Without it, ' +
      'two threads run the same function at once: both see the cache empty and both fill it (one reference leaks or is freed twice), counters lose updates, ' +
      'and tables are read half-written. Writes made only while the module is imported (PyInit, exec slot) are not reported.',
    example: [
      '#include <Python.h>',
      '',
      'static PyObject *json_module;',
      '',
      'static PyObject *',
      'to_json(PyObject *self, PyObject *obj)',
      '{',
      '    if (json_module == NULL) {',
      '        json_module = PyImport_ImportModule("json");',
      '        if (json_module == NULL) {',
      '            return NULL;',
      '        }',
      '    }',
      '    return PyObject_CallMethod(json_module, "dumps", "O", obj);',
      '}',
      '',
      'static PyMethodDef methods[] = {',
      '    {"to_json", to_json, METH_O, NULL},',
      '    {NULL, NULL, 0, NULL},',
      '};',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'to_json(PyObject *self, PyObject *obj)',
      '{',
      '    PyObject *json_module = PyImport_ImportModule("json");',
      '    if (json_module == NULL) {',
      '        return NULL;',
      '    }',
      '    PyObject *result = PyObject_CallMethod(json_module, "dumps", "O", obj);',
      '    Py_DECREF(json_module);',
      '    return result;',
      '}',
      '',
      'static PyMethodDef methods[] = {',
      '    {"to_json", to_json, METH_O, NULL},',
      '    {NULL, NULL, 0, NULL},',
      '};',
    ].join('\n'),
    knownProblems:
      'Locks are recognised lexically: a mutex is held from its lock call to the next unlock of the same mutex in the same function, and a function called only while its callers hold a mutex or a critical section runs under that lock. Which lock guards which static is not checked. A global of another file is followed only where the file or a scanned header it includes declares it extern (an #include the scan cannot resolve to one file is not followed).',
  },
  messages: {
    lazyCache:
      '`{{name}}` is a static cache filled on first use in {{function}}(), which Python can call from several threads at once (via {{via}}): two threads can both find it empty and both store, leaking or freeing a reference; fill it once in the exec slot, or keep it in module state',
    write:
      '{{function}}(), which Python can call from any thread (via {{via}}), writes the {{storage}} `{{name}}` without a lock (`{{text}}`): without the GIL concurrent calls race on it',
  },
  scope: 'project',
  check(project, context) {
    const callable = callableFromPython(project);
    const locks = lockIndex(project);
    // The globals files define for the others, which write them through an `extern` declaration.
    const globals = new Map<string, InFile<VariableFact>[]>();
    for (const facts of project.files) {
      for (const v of facts.variables) {
        if (v.isStatic || v.inFunction !== null) continue;
        const same = globals.get(v.name);
        if (same) same.push({ file: facts.file, fact: v });
        else globals.set(v.name, [{ file: facts.file, fact: v }]);
      }
    }
    for (const facts of project.files) {
      const variables = declarations(facts.variables);
      for (const write of facts.staticWrites) {
        const entry = callable.get(callableKey(facts.file, write.inFunction));
        if (!entry) continue;
        const own = variables.get(`${write.inFunction}\0${write.name}`) ?? variables.get(`\0${write.name}`);
        // A global of another file, written through its `extern` declaration; its definition may lie in a file left unparsed.
        const definitions = own === undefined ? (globals.get(write.name) ?? []) : [];
        const declared = own ?? definitions.map((d) => d.fact);
        const variable = sharedDeclaration(declared);
        if (!variable && declared.length > 0) continue;
        const definition = definitions.find((d) => d.fact === variable);
        if (write.criticalSections.length > 0 || locks.heldAt(facts, write.inFunction, write.range).length > 0 || compiledInAny(write.guard, FREE_THREADED_RELEASE) === false) continue;
        const lazy = write.storesCall !== null && (variable?.type.includes('PyObject') ?? false);
        const mutexNote = supportsPythonBefore313(context.options.minPython) ? '\n(PyMutex is new in 3.13: keep a PyThread_type_lock for older Pythons)' : '';
        context.report({
          messageId: lazy ? 'lazyCache' : 'write',
          data: { name: write.name, storage: variable?.isStatic ? 'static' : 'global', function: write.inFunction, via: entry.via, text: write.text },
          file: facts.file,
          range: write.range,
          related: definition === undefined ? [] : [{ file: definition.file, range: definition.fact.range, message: `\`${write.name}\` is defined here` }],
          fix:
            (lazy
              ? `Create it in the module's exec slot and keep it in module state (PyModule_GetState), or guard the first use:\nstatic PyMutex ${write.name}_lock;\nPyMutex_Lock(&${write.name}_lock);\nif (${write.name} == NULL) {\n    ${write.text};\n}\nPyMutex_Unlock(&${write.name}_lock);`
              : `Protect it with a lock (static PyMutex ${write.name}_lock; PyMutex_Lock/PyMutex_Unlock around every access), use an atomic (_Atomic or the atomic_* functions of <stdatomic.h>), make it _Thread_local if each thread may have its own, or move it to module state.`) +
            mutexNote,
        });
      }
    }
  },
});
