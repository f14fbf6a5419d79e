import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED } from '../src/facts/guards.js';

type MessageId = 'refcntField' | 'assignment';

const SETTER: Record<string, string> = {
  Py_TYPE: 'Py_SET_TYPE',
  ob_type: 'Py_SET_TYPE',
  Py_SIZE: 'Py_SET_SIZE',
  ob_size: 'Py_SET_SIZE',
  Py_REFCNT: 'Py_SET_REFCNT',
};

export default defineRule<MessageId>({
  id: 'object-header-access',
  category: 'refcount',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: 'https://docs.python.org/3.14/c-api/structures.html#c.Py_REFCNT',
  references: [
    'https://docs.python.org/3.14/c-api/structures.html#c.Py_SET_TYPE',
    'https://docs.python.org/3.14/c-api/structures.html#c.Py_SET_SIZE',
    'https://docs.python.org/3.14/c-api/refcounting.html#c.Py_SET_REFCNT',
  ],
  replacement: 'Py_REFCNT(o) to read the count; Py_SET_TYPE / Py_SET_SIZE / Py_SET_REFCNT to write the header',
  since: '3.9',
  compat: 'yes: pythoncapi_compat.h provides Py_SET_TYPE, Py_SET_SIZE and Py_SET_REFCNT for older versions',
  verified: 'CPython 3.13.0 Include/object.h: the free-threaded PyObject has ob_ref_local/ob_ref_shared instead of ob_refcnt; Py_TYPE/Py_SIZE are inline functions, not lvalues, since 3.11',
  docs: {
    what: 'Finds direct access to ob_refcnt, and assignments through Py_TYPE(), Py_SIZE(), Py_REFCNT() or to ->ob_type and ->ob_size.',
    why:
      'The free-threaded PyObject has no ob_refcnt field (the count is split into ob_ref_local and ob_ref_shared), so code that names it does not ' +
      'compile for python3.14t. Py_TYPE(), Py_SIZE() and Py_REFCNT() are functions, not lvalues, since Python 3.11; the setters keep every build working.',
    example: [
      '#include <Python.h>',
      '',
      'static Py_ssize_t',
      'refs(PyObject *self, PyObject *o)',
      '{',
      '    return o->ob_refcnt;',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static Py_ssize_t',
      'refs(PyObject *self, PyObject *o)',
      '{',
      '    return Py_REFCNT(o);',
      '}',
    ].join('\n'),
  },
  messages: {
    refcntField:
      '`{{text}}` uses the ob_refcnt field, which the free-threaded PyObject does not have: this does not compile for python3.14t; use Py_REFCNT({{object}}) to read it and Py_SET_REFCNT to write it',
    assignment: '`{{text}}` assigns to the object header directly: use {{setter}}({{object}}, …)',
  },
  scope: 'file',
  check(facts, context) {
    for (const use of facts.objectHeader) {
      if (use.kind === 'refcount-compare' || compiledInAny(use.guard, FREE_THREADED) === false) continue;
      if (use.kind === 'refcount-field') {
        context.report({
          messageId: 'refcntField',
          data: { text: use.text, object: use.object },
          file: facts.file,
          range: use.range,
          fix: `Py_REFCNT(${use.object}) to read it; Py_SET_REFCNT(${use.object}, n) to write it.`,
        });
      } else {
        const setter = SETTER[use.detail] ?? 'the Py_SET_* function';
        context.report({
          messageId: 'assignment',
          data: { text: use.text, object: use.object, setter },
          file: facts.file,
          range: use.range,
          fix: `${setter}(${use.object}, value);`,
        });
      }
    }
  },
});
