/* Multi-phase module whose m_slots comes from a function call at run time: the scan cannot
 * tell what the array holds, so the module is unknown, never "has no m_slots".
 * Findings: clean (the readiness table says unknown, and why). */
#include <Python.h>

PyModuleDef_Slot *gauge_build_slots(void);

static struct PyModuleDef gauge_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "gauge",
};

PyMODINIT_FUNC
PyInit_gauge(void)
{
    gauge_module.m_slots = gauge_build_slots();
    if (gauge_module.m_slots == NULL) {
        return NULL;
    }
    return PyModuleDef_Init(&gauge_module);
}
