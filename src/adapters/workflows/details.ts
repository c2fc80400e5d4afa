/** The `details` of a `workflow-job` deployment live in the model, where rules read them typed. */
export type * from '../../model/details/workflow-job.js';
