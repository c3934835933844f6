// The dashboard's entry: the signed-in session or the sign-in form.

import "./styles.css";
import { useSession } from "./api";
import { currentLang, setLang } from "./i18n";
import { clearSession, loadSession, saveSession, type Session } from "./session";
import { showCheckpointPage } from "./ui/checkpointPage";
import { showDashboard } from "./ui/shell";
import { showSignIn } from "./ui/signin";

const root = document.getElementById("app")!;
setLang(currentLang());

function signOut(): void {
  clearSession();
  useSession(null);
  window.location.reload();
}

function start(session: Session | null): void {
  if (!session) {
    useSession(null);
    showSignIn(root, (signedIn) => {
      saveSession(signedIn);
      start(signedIn);
    });
    return;
  }
  // A token that stops working (expired, account disabled) sends the person back to sign in.
  useSession(session, signOut);
  // A checkpoint's officer gets the phone-sized page that checks passes, not the map.
  if (session.user.role === "checkpoint") showCheckpointPage(root, session, signOut);
  else void showDashboard(root, session, signOut);
}

start(loadSession());
