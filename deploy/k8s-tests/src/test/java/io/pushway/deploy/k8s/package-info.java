/**
 * Tests of the Kubernetes manifests in {@code k8s/}: each kustomization is rendered with the real
 * {@code kubectl kustomize}, every object is loaded into the typed Kubernetes, Strimzi and
 * prometheus-operator models (an unknown or misspelled field fails), and the references between the
 * objects, the services' configuration, the alert rules and the API are checked.
 */
package io.pushway.deploy.k8s;
