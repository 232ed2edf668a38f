// The leaders module's public surface (厅领导 / 局领导 and their portfolios, 分管): who covers a unit
// (R3.5 major matters, 督办) and which leaders exist.
export { activeLeadersById, activeLeadersWithPortfolio, leaderIdOfUser, leaderUsersOfUnits, leaderWithPortfolio } from './leaders.repository.ts';
