package admin

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestVendoredProgram: the theme's assets/admin/ holds the pinned Decap
// CMS files and nothing else, each with the sha256 SHA256SUMS records.
func TestVendoredProgram(t *testing.T) {
	dir := filepath.Join("..", "..", "assets", Dir)
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS: %q", line)
		}
		listed = append(listed, name)
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sha256 %x, SHA256SUMS says %s", name, got, sum)
		}
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if n := e.Name(); n != "README.md" && n != "SHA256SUMS" && !slices.Contains(listed, n) {
			t.Errorf("%s is not in SHA256SUMS", n)
		}
	}
	if !slices.Contains(listed, "decap-cms.js") || !slices.Contains(listed, "decap-cms.js.LICENSE.txt") {
		t.Errorf("SHA256SUMS lists %d files, not decap-cms.js and its licences", len(listed))
	}
}
