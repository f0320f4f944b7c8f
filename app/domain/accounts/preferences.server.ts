import type { Db } from "../../infra/db.server";
import type { Language } from "../../i18n/config";

/** A signed-in person's language, kept on their account so notifications reach them in it. */
export async function rememberLanguage(db: Db, userId: string, language: Language): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale: language } });
}
