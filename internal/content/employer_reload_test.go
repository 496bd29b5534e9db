package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestNoEmployerListFollowsOrgs: the error of a missing employer names
// the employers there are, in a Loader reused after an employer is added
// as in a fresh one.
func TestNoEmployerListFollowsOrgs(t *testing.T) {
	dir := writeSite(t)
	fsys := os.DirFS(dir)
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		date(t, p, anHourAgo)
	}
	write(postingFR, edit(validPostingFR, "organization: acme", "organization: ecpat"))
	ld := Loader{Watched: true}
	_, ds := ld.Load(fsys, Options{})
	_ = ds
	// The employer's file is added, under a name near the one written.
	write("content/organizations/ecpat-france.fr.md", validOrgFR)
	write("content/organizations/ecpat-france.en.md", validOrgEN)
	ld.Invalidate("content/organizations/ecpat-france.fr.md")
	ld.Invalidate("content/organizations/ecpat-france.en.md")
	_, ds = ld.Load(fsys, Options{})
	_, fresh := Load(fsys, Options{})
	if !reflect.DeepEqual(strs(ds), strs(fresh)) {
		t.Errorf("reused Loader:\n%v\nfresh load:\n%v", strs(ds), strs(fresh))
	}
}
