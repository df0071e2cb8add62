/**
 * The PostgreSQL login role of the services. It owns no table, so FORCEd row-level
 * security binds it; migrations grant it access, operators create it.
 */
export const serviceRole = 'tenantry_app';
