package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
	"github.com/jobboard/jobboard/internal/notify"
)

// httpTimeout bounds each request of notify: a search engine that does
// not answer must not hold a deployment forever.
const httpTimeout = 30 * time.Second

func runNotify(ctx context.Context, l msg.Lang, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("notify", l.Sprintf("notify [-C folder] [-out folder] [-previous folder|address] [-google-credentials file] [-dry-run]"),
		l.Sprintf("Notify tells search engines which postings were added, changed, closed or\n"+
			"removed since the site was last published, by comparing the record of\n"+
			"the postings in public/ with the one of the published site. It tells\n"+
			"IndexNow (Bing, Yandex…) when content/site.yaml has indexnow_key, and\n"+
			"Google when given -google-credentials. Unchanged postings are never sent.\n\n"+
			"Once deployed, the site publishes the new record: save the old one first.\n"+
			"\tjobboard build\n"+
			"\tjobboard notify -save-previous previous.json\n"+
			"\t(deploy public/)\n"+
			"\tjobboard notify -previous previous.json"), l, stderr)
	dir := fs.String("C", ".", l.Sprintf("the site's `folder` (the one holding content/)"))
	out := fs.String("out", "", l.Sprintf("the built site's `folder` (default: public/ in the site folder)"))
	prev := fs.String("previous", "", l.Sprintf("the published site's record: a `folder` or file, or the site's address (default: the site at base_url)"))
	indexNow := fs.String("indexnow", notify.DefaultIndexNow, l.Sprintf("the IndexNow `endpoint`"))
	creds := fs.String("google-credentials", "", l.Sprintf("the JSON key `file` of a Google service account that owns the site in Search Console"))
	googleEndpoint := fs.String("google-endpoint", notify.DefaultGoogle, l.Sprintf("the Google Indexing API publish `endpoint`"))
	quota := fs.Int("google-quota", notify.DefaultGoogleQuota, l.Sprintf("the most `pages` sent to Google (its daily quota)"))
	dryRun := fs.Bool("dry-run", false, l.Sprintf("print what would be sent, send nothing"))
	save := fs.String("save-previous", "", l.Sprintf("save the published site's record into this `file` and send nothing: run it before deploying, and notify -previous file after"))
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("notify takes no arguments")
	}
	if *quota < 0 {
		return usagef("-google-quota: give a number of pages, 0 or more")
	}
	cs, diags := content.LoadSiteConfig(content.DirFS(*dir))
	if cs == nil {
		printDiagnostics(stderr, diags, l)
		return errReported
	}
	client := &http.Client{Timeout: httpTimeout}
	opt := notify.Options{
		Out: *out, Previous: *prev, BaseURL: cs.BaseURL,
		IndexNowKey: cs.IndexNowKey, IndexNowEndpoint: *indexNow,
		GoogleQuota: *quota, DryRun: *dryRun, Client: client, Lang: l,
	}
	if opt.Out == "" {
		opt.Out = filepath.Join(*dir, "public")
	}
	if *save != "" {
		return notify.SavePrevious(ctx, opt, *save, stdout)
	}
	if *creds != "" {
		data, err := os.ReadFile(*creds)
		if err != nil {
			return usagef("-google-credentials: %v", err)
		}
		gc, err := notify.NewGoogleClient(ctx, data, client)
		if err != nil {
			return msg.Errorf("-google-credentials %s: %w", *creds, err)
		}
		opt.Google = &notify.Google{Endpoint: *googleEndpoint, Client: gc}
	}
	err := notify.Run(ctx, opt, stdout)
	if errors.Is(err, notify.ErrRefused) {
		fmt.Fprintln(stderr, "notify:", l.Sprintf("%v", err))
		return errReported
	}
	return err
}
