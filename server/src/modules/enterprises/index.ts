// The enterprise registry's public surface: what an appeal snapshots of an enterprise, the portal's
// check of a registration against the registry, and the Excel import for the CLI.
export {
  enterpriseById,
  enterpriseNamesById,
  enterpriseProfiles,
  enterprisesMatching,
  findByUscc,
  registryComposition,
  registryMatch,
  surveyPopulation,
  type RegistryMatch,
  type SurveyPopulationRow,
} from './enterprises.repository.ts';
export { analyse, commitRows } from './enterprises.import.ts';
export { FileProblem } from './enterprises.excel.ts';
export { contactsWithMobile, maskContacts, type ContactHolding } from './enterprises.privacy.ts';
