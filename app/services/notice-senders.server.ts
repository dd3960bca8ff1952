/**
 * The two notice channels (issue 22 item 11), each behind one small contract: `send(to, text)` resolves when the provider
 * accepted the notice and rejects otherwise (the job then retries). E-mail goes through SMTP with nodemailer; SMS through
 * the provider's HTTP endpoint. Without an SMTP URL or SMS endpoint (the demo) a channel logs that it "sent", with no
 * address and no text.
 */
import nodemailer from "nodemailer";
import type { NoticeConfig } from "~/config.server";
import { log } from "~/utils/log.server";

export type NoticeChannel = "email" | "sms";

export interface NoticeMessage {
  subject: string;
  text: string;
}

export interface ChannelSender {
  send(to: string, message: NoticeMessage): Promise<void>;
}

export function smtpSender(smtpUrl: string, from: string, opts: { timeoutMs?: number } = {}): ChannelSender {
  const timeout = opts.timeoutMs ?? 15_000;
  const u = new URL(smtpUrl);
  const secure = u.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(to, message) {
      const info = await transport.sendMail({ from, to, subject: message.subject, text: message.text });
      if (info.rejected.length > 0) throw new Error("the SMTP server refused the recipient");
    },
  };
}

/** POST {"to", "text"} as JSON (with a bearer token when configured); anything but 2xx is a failure to retry. */
export function httpSmsSender(url: string, token: string | null, opts: { timeoutMs?: number } = {}): ChannelSender {
  return {
    async send(to, message) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, text: message.text }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`the SMS provider answered ${res.status}`);
    },
  };
}

/** The demo's channel: a log line that a notice went out, without the address or the text. */
export function logOnlySender(channel: NoticeChannel): ChannelSender {
  return {
    async send() {
      log.info("notice sent", { channel, delivery: "log only" });
    },
  };
}

export function sendersFromConfig(c: NoticeConfig): Record<NoticeChannel, ChannelSender> {
  return {
    email: c.smtpUrl ? smtpSender(c.smtpUrl, c.emailFrom) : logOnlySender("email"),
    sms: c.smsUrl ? httpSmsSender(c.smsUrl, c.smsToken) : logOnlySender("sms"),
  };
}
