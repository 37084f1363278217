// Package browsertest finds the headless Chromium that the tests of
// printed and rendered pages drive (reader, classroom): locally, a test
// without one is skipped; in CI, where .ci/run installs Debian's
// chromium, it fails.
package browsertest

import (
	"os"
	"os/exec"
	"testing"
)

// Path returns the path of a Chromium, or skips t (fails it in CI).
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROME_PATH"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is required in CI (.ci/run installs Debian's chromium)")
	}
	t.Skip("skipping: no Chromium found (apt-get install chromium, or set CHROME_PATH, to run this test)")
	return ""
}
