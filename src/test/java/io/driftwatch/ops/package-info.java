/** Tests of the operator assets (alert rules, image build, Kubernetes and Argo manifests) with the real tools. */
package io.driftwatch.ops;
