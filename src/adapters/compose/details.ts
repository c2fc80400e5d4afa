/** The `details` of a `compose-service` deployment live in the model, where rules read them typed. */
export type * from '../../model/details/compose-service.js';
