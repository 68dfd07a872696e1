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
	// Flags may follow the query words ("traite -limit 2"); the query's own
	// "-mot" exclusions stay words.
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		i := 0
		for i < len(rest) && !isSearchFlag(rest[i]) {
			i++
		}
		words = append(words, rest[:i]...)
		if i == len(rest) {
			break
		}
		args = rest[i:]
	}
	cfg.Query = strings.Join(words, " ")
	if strings.TrimSpace(cfg.Query) == "" {
		return usageErr("search demande une requête : lextraite search -index DIR REQUÊTE")
	}
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
	s := "s"
	if res.Total < 2 {
		s = ""
	}
	fmt.Fprintf(stdout, "%d résultat%s (%.1f ms)\n", res.Total, s, res.TookMS)
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

// isSearchFlag tells the flags of `lextraite search` from query words.
func isSearchFlag(a string) bool {
	name := strings.TrimLeft(a, "-")
	if name == a {
		return false
	}
	name, _, _ = strings.Cut(name, "=")
	switch name {
	case "index", "json", "limit", "h", "help":
		return true
	}
	return false
}
