// Issue 18: e-mail through SMTP with nodemailer. One transport per configuration (SMTP_HOST, SMTP_PORT,
// SMTP_SECURE for implicit TLS on 465 — otherwise STARTTLS when the server offers it —, SMTP_USER /
// SMTP_PASSWORD for AUTH, SMTP_FROM), kept and reused; connection, greeting and socket timeouts set so a
// silent server fails the attempt instead of holding the delivery task.
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.ts';

export type Mail = { to: string; subject: string; text: string };

/** Whether an address is a plain mailbox (no header or command injection). */
export const isMailbox = (s: string) => /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(s) && s.length <= 254;

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

function transportFor(cfg: SmtpConfig, timeoutMs: number): Transport {
  const key = JSON.stringify([cfg.host, cfg.port, cfg.secure, cfg.user, cfg.password, timeoutMs]);
  let t = transports.get(key);
  if (!t) {
    t = nodemailer.createTransport({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.secure,
      auth: cfg.user ? { user: cfg.user, pass: cfg.password } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    transports.set(key, t);
  }
  return t;
}

/** Sends one message; throws with the server's answer on any refusal (the error names the SMTP reply). */
export async function sendMail(cfg: SmtpConfig, m: Mail, timeoutMs = 15_000): Promise<void> {
  if (!isMailbox(m.to)) throw new Error(`收件地址不正确：${m.to}`);
  const info = await transportFor(cfg, timeoutMs).sendMail({ from: cfg.from, to: m.to, subject: m.subject, text: m.text });
  if (info.rejected.length) throw new Error(`SMTP 拒收：${info.rejected.join(', ')} ${info.response ?? ''}`.trim());
}
