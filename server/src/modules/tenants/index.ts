// The tenants module's public surface: the province and the 16 city bureaus, and their effective
// settings (R8.1: code defaults ⊕ province ⊕ city). Other modules read tenants only through these.
export { loadSecuritySettings, loadTenantSettings, loadTenantSettingsMany, settingsFromStored, tenantSettingsColumns } from './settings.ts';
export { cityOf, getTenant, listChildCities, listTenants, tenantByCode, tenantName, type TenantRow } from './tenants.repository.ts';
