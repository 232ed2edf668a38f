// `zqt uscc check <code>`: prints one JSON line with the check result.
// Exit code 0 when the code is valid, 1 when it is not or the arguments are wrong.

import { checkUscc } from '../domain/uscc.ts';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const USCC_USAGE =
  [
    '用法: zqt uscc check <统一社会信用代码>',
    '  校验18位统一社会信用代码（GB 32100-2015），输出一行 JSON；有效时退出码为 0，否则为 1。',
    '  示例: zqt uscc check 91370200264574251E',
  ].join('\n') + '\n';

/** argv starts at the command name: ['uscc', 'check', '<code>']. */
export function runUsccCli(argv: string[]): CliResult {
  const [cmd, sub, code, ...rest] = argv;
  if (cmd !== 'uscc' || sub !== 'check' || code === undefined || rest.length > 0) {
    let reason = '';
    if (cmd === 'uscc' && sub !== undefined && sub !== 'check') reason = `未知子命令: ${sub}\n`;
    else if (cmd === 'uscc' && sub === 'check' && code === undefined) reason = '缺少参数: 统一社会信用代码\n';
    else if (rest.length > 0) reason = '参数过多（代码中如含空格请加引号）\n';
    return { stdout: '', stderr: reason + USCC_USAGE, exitCode: 1 };
  }
  const result = checkUscc(code);
  return {
    stdout: JSON.stringify(result) + '\n',
    stderr: '',
    exitCode: result.valid ? 0 : 1,
  };
}

if (import.meta.main) {
  const r = runUsccCli(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.exitCode;
}
