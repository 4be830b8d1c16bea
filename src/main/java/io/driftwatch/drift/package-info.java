/**
 * Drift methods that compare a baseline profile with a current profile and return a score, a status and JSON-ready
 * details; their settings, automatic selection and multiple-testing corrections (see {@code docs/drift-methods.md}).
 */
package io.driftwatch.drift;
