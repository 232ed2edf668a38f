// The units module's public surface (处室 of a tenant): other modules name, check and list units
// only through these.
export {
  activeUnitsAndOne,
  activeUnitsById,
  businessUnitsForSector,
  coordinatorUnit,
  existingUnitIds,
  listUnits,
  unitFacts,
  unitName,
  type UnitRow,
} from './units.repository.ts';
