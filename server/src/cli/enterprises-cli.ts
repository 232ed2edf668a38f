// `zqt enterprises import FILE.xlsx --tenant CODE [--update-existing] [--skip-invalid] [--dry-run]`
// Validates every row like the web import, prints one JSON object (summary, bad rows, changes to
// existing enterprises) and writes in one transaction: all valid rows or nothing. By default any
// bad row stops the import (nothing written, exit 1); --skip-invalid imports the valid rows.
// Existing USCCs are skipped unless --update-existing. Audited with actor "命令行".
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openMigratedDatabase } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { insertAudit } from '../modules/audit/index.ts';
import { tenantByCode } from '../modules/tenants/index.ts';
import { FileProblem, analyse, commitRows } from '../modules/enterprises/index.ts';

type Out = { stdout: string; stderr: string; exitCode: number };
const fail = (msg: string): Out => ({ stdout: '', stderr: msg, exitCode: 1 });

export const ENTERPRISES_USAGE = '用法: zqt enterprises import FILE.xlsx --tenant 370000 [--update-existing] [--skip-invalid] [--dry-run]';

export async function enterprisesCli(argv: string[]): Promise<Out> {
  const [sub, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        tenant: { type: 'string' },
        'update-existing': { type: 'boolean', default: false },
        'skip-invalid': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (err) {
    return fail(`参数错误: ${(err as Error).message}\n${ENTERPRISES_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (sub !== 'import' || positionals.length !== 1) return fail(ENTERPRISES_USAGE);
  if (!values.tenant) return fail(`缺少 --tenant（单位代码，如 370000）\n${ENTERPRISES_USAGE}`);
  const file = path.resolve(positionals[0]);
  if (!fs.existsSync(file)) return fail(`文件不存在: ${file}`);
  const buf = fs.readFileSync(file);

  const database = await openMigratedDatabase(loadConfig(), { maintenance: true });
  try {
    const db = database.db;
    const tenant = await tenantByCode(db, values.tenant);
    if (!tenant) return fail(`单位代码 ${values.tenant} 不存在`);
    let result;
    try {
      result = await analyse(db, tenant.id, buf);
    } catch (err) {
      if (err instanceof FileProblem)
        return { stdout: JSON.stringify({ file: path.basename(file), imported: false, error: err.message }, null, 2), stderr: err.message, exitCode: 1 };
      throw err;
    }
    const { valid, errors, changes, summary } = result;
    const onExisting = values['update-existing'] ? 'update' : 'skip';
    const report = (extra: Record<string, unknown>) =>
      JSON.stringify({ file: path.basename(file), tenant: tenant.code, onExisting, summary, ...extra, errors, changes }, null, 2);
    if (values['dry-run']) return { stdout: report({ imported: false, dryRun: true }), stderr: '', exitCode: errors.length ? 1 : 0 };
    if (errors.length && !values['skip-invalid']) {
      return {
        stdout: report({ imported: false }),
        stderr: `有 ${summary.invalid} 行数据有误，未导入任何数据（修正后重试，或加 --skip-invalid 只导入有效行）`,
        exitCode: 1,
      };
    }
    if (valid.length === 0) return { stdout: report({ imported: false }), stderr: '没有可导入的有效行', exitCode: 1 };
    const counts = await db.transaction(async (tx) => {
      const c = await commitRows(tx, valid, onExisting, {
        tenantId: tenant.id,
        actorId: null,
        actorName: '命令行',
        ip: null,
        requestId: null,
        jobId: 'cli-import',
      });
      await insertAudit(tx, {
        tenantId: tenant.id,
        actorId: null,
        actorName: '命令行',
        action: 'enterprise.import',
        entity: 'import_job',
        summary: `命令行导入企业「${path.basename(file)}」：新增${c.inserted}家，更新${c.updated}家，跳过${c.skipped}家，无变化${c.unchanged}家`,
        after: c,
        ip: null,
        requestId: null,
      });
      return c;
    });
    return { stdout: report({ imported: true, ...counts }), stderr: '', exitCode: 0 };
  } finally {
    await database.close();
  }
}
