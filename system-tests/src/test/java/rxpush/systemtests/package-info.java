/** System tests: real processes, injected faults, end state checked against ground truth. */
package rxpush.systemtests;
