package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"lextraite/indexer"
)

// searchConfig holds the flags of `lextraite search`.
type searchConfig struct {
	Index string
	JSON  bool
	Limit int
	Query string
}

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg searchConfig
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Index, "index", "", "dossier de l'index (obligatoire)")
	fs.BoolVar(&cfg.JSON, "json", false, "imprimer l'objet JSON de /api/search")
	fs.IntVar(&cfg.Limit, "limit", 10, "nombre de résultats (1 à 100)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.Query = strings.Join(fs.Args(), " ")
	if cfg.Index == "" {
		return usageErr("search demande -index DIR")
	}
	if cfg.Limit < 1 || cfg.Limit > 100 {
		return usageErr("-limit doit être entre 1 et 100")
	}
	ix, err := indexer.Open(cfg.Index)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, indexer.Request{Query: cfg.Query, Limit: cfg.Limit})
	if err != nil {
		return err
	}
	if cfg.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "%d résultats (%.1f ms)\n", res.Total, res.TookMS)
	if res.Suggestion != "" {
		fmt.Fprintf(stdout, "Vouliez-vous dire : %s ?\n", res.Suggestion)
	}
	for i, h := range res.Hits {
		where := h.DocTitle
		if h.Provision != "" {
			where = "art. " + h.Provision + " — " + h.DocTitle
		}
		fmt.Fprintf(stdout, "\n%2d. %s\n    %s\n    %s\n", i+1, where, h.URL, plainSnippet(h.Snippet))
	}
	return nil
}

var reTag = regexp.MustCompile(`</?mark>`)

// plainSnippet shows a snippet on a terminal: <mark> as [ ], entities decoded.
func plainSnippet(s string) string {
	s = reTag.ReplaceAllStringFunc(s, func(t string) string {
		if t == "<mark>" {
			return "["
		}
		return "]"
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", "\"", "&#39;", "'", "&quot;", "\"", "&amp;", "&").Replace(s)
}
