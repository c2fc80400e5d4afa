/** The `details` of a `k8s-workload` deployment live in the model, where rules read them typed. */
export type * from '../../model/details/k8s-workload.js';
