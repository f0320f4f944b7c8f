import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { formatAddress } from "../components/people/address";
import { formatActivationCode, issueInvitationLetters, lettersWaiting } from "../domain/people/activation.server";
import { endSessionSockets } from "../realtime/end-session-sockets.server";
import { isLanguage, localized } from "../i18n/config";
import { formatDateTime } from "../infra/time";
import { LettersSchema } from "../schemas/people";
import { requireMemberCommunity } from "../web/community.server";
import { failureFor } from "../web/forms";
import { publicOrigin } from "../web/public-url.server";
import { qrCodeSvg } from "../web/qr-code.server";
import { defineAction, defineLoader, parseForm } from "../web/route.server";
import { requirePermission } from "../domain/permissions";
import lettersStylesheet from "../styles/letters.css?url";

/** Translation namespaces this page's components use; browsers fetch only these (i18n/client.ts). */
export const handle = { i18n: ["people"], ownPrintLayout: true };

export const meta: MetaFunction = () => [{ title: "开通邀请函 Invitation letters · 议事 Yishi" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: lettersStylesheet }];

/**
 * Letters come from a post (each print issues new codes, shown once). The page itself, opened or reloaded
 * without one, only points back to the roll.
 */
export const loader = defineLoader(async ({ request, context }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  requirePermission(user, "manage:people", { communityId: community.id, streetId: community.streetId });
  return null;
});

const LetterLanguage = z.object({ language: z.string().optional() });

export const action = defineAction(async ({ request, context, form }) => {
  const { user, community } = await requireMemberCommunity(request, context.db);
  const who = parseForm(LettersSchema, form);
  const chosen = parseForm(LetterLanguage, form).language;
  const { letters, endedSessionIds } = await issueInvitationLetters(
    context.db,
    context.clock,
    user,
    community,
    "importId" in who ? who : { userIds: [who.userId] },
  );
  for (const sessionId of endedSessionIds) endSessionSockets(context.io, sessionId, "errors.realtime.signed_out");
  // The QR code carries the code after '#': browsers never send that part, so it stays out of every log.
  const base = `${publicOrigin(request)}/activate`;
  return {
    ok: true as const,
    language: isLanguage(chosen) ? chosen : "zh-CN",
    community,
    who,
    activationPage: base,
    remaining: "importId" in who ? await lettersWaiting(context.db, user, community, who.importId) : 0,
    letters: await Promise.all(
      letters.map(async (letter) => ({
        ...letter,
        code: formatActivationCode(letter.code),
        qr: await qrCodeSvg(`${base}#code=${letter.code}`),
      })),
    ),
  };
});

export default function LettersPage() {
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("people");
  const failure = failureFor(answer);
  if (!answer || !("letters" in answer)) {
    return (
      <div className="mx-auto max-w-xl space-y-4">
        <h1>{t("letters.title")}</h1>
        {failure?.formError ? (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-medium text-red-800">
            {failure.formError}
          </p>
        ) : (
          <p>{t("letters.from_roll")}</p>
        )}
        <Link to="/people" className="btn-secondary">
          {t("roll.back")}
        </Link>
      </div>
    );
  }
  return <PrintableLetters answer={answer} />;
}

function PrintableLetters({ answer }: { answer: Extract<NonNullable<ReturnType<typeof useActionData<typeof action>>>, { ok: true }> }) {
  const { t, i18n } = useTranslation("people");
  const lt = i18n.getFixedT(answer.language, "people");
  const communityName = localized(answer.language, answer.community.nameZh, answer.community.nameEn);
  return (
    <div className="space-y-6">
      <div className="no-print space-y-3">
        <h1>{t("letters.title")}</h1>
        <p>{t("letters.ready", { count: answer.letters.length })}</p>
        <p className="text-ink-muted">{t("letters.print_help")}</p>
        <div className="flex flex-wrap gap-2">
          <PrintButton />
          {"importId" in answer.who && answer.remaining > 0 ? (
            <Form method="post">
              <input type="hidden" name="importId" value={answer.who.importId} />
              <input type="hidden" name="language" value={answer.language} />
              <button type="submit" className="btn-secondary">
                {t("letters.next_batch", { count: answer.remaining })}
              </button>
            </Form>
          ) : null}
          <Link to="/people" className="btn-secondary">
            {t("roll.back")}
          </Link>
        </div>
      </div>
      {answer.letters.length === 0 ? <p>{t("letters.none")}</p> : null}
      <div className="letters grid gap-6" lang={answer.language}>
        {answer.letters.map((letter) => (
          <article
            key={letter.userId}
            className="letter card bg-white"
            aria-label={lt("letter.label", { name: letter.name })}
            data-activation-url={`${answer.activationPage}#code=${letter.code.replace(/\s/g, "")}`}
          >
            <header className="flex items-start justify-between gap-4 border-b border-stone-300 pb-3">
              <div>
                <p className="text-lg font-semibold text-brand-800">{lt("letter.from", { community: communityName })}</p>
                <h2 className="mt-1 text-2xl font-bold">{lt("letter.heading")}</h2>
              </div>
              <span aria-hidden="true" className="grid h-12 w-12 place-items-center rounded-lg bg-brand-600 text-2xl font-bold text-white">
                议
              </span>
            </header>
            <div className="mt-4 flex gap-6">
              <div className="min-w-0 grow space-y-2 text-lg">
                <p className="text-xl font-semibold">{lt("letter.greeting", { name: letter.name })}</p>
                {letter.address ? (
                  <p>
                    {lt("letter.address", { address: formatAddress(lt, letter.address) })}
                    {letter.gridCode ? ` · ${letter.gridCode}` : ""}
                  </p>
                ) : null}
                <p>{lt("letter.body", { community: communityName })}</p>
                <ol className="list-decimal space-y-1 pl-6">
                  <li>{lt("letter.step_scan")}</li>
                  <li>{lt("letter.step_code")}</li>
                  <li>{lt("letter.step_password")}</li>
                </ol>
              </div>
              <div className="w-40 shrink-0 text-center">
                <div className="h-40 w-40" role="img" aria-label={lt("letter.qr")} dangerouslySetInnerHTML={{ __html: letter.qr }} />
              </div>
            </div>
            <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 text-lg sm:grid-cols-2">
              <div>
                <dt className="text-base text-ink-muted">{lt("letter.username")}</dt>
                <dd className="font-mono text-xl font-semibold">{letter.username}</dd>
              </div>
              <div>
                <dt className="text-base text-ink-muted">{lt("letter.code")}</dt>
                <dd className="font-mono text-2xl font-bold tracking-wider" data-testid="activation-code">
                  {letter.code}
                </dd>
              </div>
            </dl>
            <p className="mt-2 text-base">
              {lt("letter.address_line", { url: answer.activationPage })} ·{" "}
              {lt("letter.valid_until", { date: formatDateTime(letter.expiresAt, answer.language, false) })}
            </p>
            <p className="mt-2 text-base text-ink-muted">{lt("letter.keep_safe")}</p>
          </article>
        ))}
      </div>
    </div>
  );
}

function PrintButton() {
  const { t } = useTranslation("people");
  return (
    <button type="button" className="btn-primary" onClick={() => window.print()}>
      {t("letters.print")}
    </button>
  );
}
