// A real SMTP server on 127.0.0.1 for the e-mail tests: the `smtp-server` package (the server side of
// nodemailer's project), AUTH optional unless a user is given, STARTTLS off (loopback, no certificate).
// Each message is kept with its envelope; the subject (RFC 2047 encoded-words) and the text body
// (base64 / quoted-printable / 7bit) are decoded here — enough for the tests' assertions, no mailparser.
// `refuseRcpt` answers 550 to RCPT for those addresses (a mailbox the server refuses).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; auth: string | null; raw: string; subject: string; text: string };

/** RFC 2047: adjacent encoded-words are joined (whitespace between them dropped) and decoded as UTF-8. */
function decodeWords(h: string) {
  return h.replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)(\s+=\?[^?]+\?[BQ]\?[^?]*\?=)*/gi, (run) => {
    const bytes = [...run.matchAll(/=\?[^?]+\?([BQ])\?([^?]*)\?=/gi)].map(([, enc, data]) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qp(data.replace(/_/g, ' ')),
    );
    return Buffer.concat(bytes).toString('utf8');
  });
}

/** Quoted-printable to bytes (soft line breaks removed). */
function qp(s: string) {
  const t = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '=' && /^[0-9A-F]{2}$/i.test(t.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(t.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(t[i], 'utf8'));
  }
  return Buffer.from(out);
}

function parse(raw: string, from: string, to: string[], auth: string | null): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const bytes = cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : cte === 'quoted-printable' ? qp(body) : Buffer.from(body, 'utf8');
  const text = bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
  return { from, to, auth, raw, subject: decodeWords(header('Subject')), text };
}

export async function smtpReceiver(opts: { user?: string; password?: string; refuseRcpt?: string[] } = {}) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !opts.user,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (opts.user && (auth.username !== opts.user || auth.password !== opts.password)) {
        cb(Object.assign(new Error('5.7.8 authentication failed'), { responseCode: 535 }));
      } else cb(null, { user: auth.username });
    },
    onRcptTo(address, _session, cb) {
      if (opts.refuseRcpt?.includes(address.address)) cb(Object.assign(new Error('5.1.1 no such user'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        const user = typeof session.user === 'string' ? session.user : null;
        mails.push(parse(Buffer.concat(chunks).toString('utf8'), from, to, user));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
