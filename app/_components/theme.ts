/** The saved theme choice ("light" | "dark"; none means follow the system), kept in localStorage. */
export const THEME_KEY = "flowgate-theme";

/**
 * Runs in <head> before the first paint, so a dark page never flashes light: applies the saved choice, else the
 * system preference, and follows system changes while nothing is saved.
 */
export const THEME_SCRIPT = `(() => {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    let saved = null;
    try { saved = localStorage.getItem(${JSON.stringify(THEME_KEY)}); } catch {}
    document.documentElement.classList.toggle("dark", saved ? saved === "dark" : media.matches);
  };
  apply();
  media.addEventListener("change", apply);
})();`;
