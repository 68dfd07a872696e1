package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"lextraite/indexer"
)

// citationsConfig holds the flags of `lextraite citations`.
type citationsConfig struct {
	Index      string
	Unresolved bool
}

// runCitations lists the citations of a built index, one line each
// (citing provision, text as written, target or "non résolu : label"),
// then a count by form. With -unresolved, only the citations whose target
// the knowledge base does not hold: the list of texts to add.
func runCitations(_ context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg citationsConfig
	fs := flag.NewFlagSet("citations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Index, "index", "", "dossier de l'index (obligatoire)")
	fs.BoolVar(&cfg.Unresolved, "unresolved", false, "seulement les citations non résolues (textes absents de la base)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.Index == "" {
		return usageErr("citations demande -index DIR")
	}
	ix, err := indexer.Open(cfg.Index)
	if err != nil {
		return err
	}
	defer ix.Close()
	cites := ix.Citations(cfg.Unresolved)
	byKind := map[string][2]int{} // kind → resolved, unresolved
	for _, c := range cites {
		target := c.Target
		n := byKind[c.Kind]
		if target == "" {
			target = "non résolu : " + c.Label
			n[1]++
		} else {
			n[0]++
		}
		byKind[c.Kind] = n
		fmt.Fprintf(stdout, "%s\t%s\t%s\n", c.Source, oneLine(c.Text), target)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprintf(stdout, "\n%d citations\n", len(cites))
	for _, k := range kinds {
		n := byKind[k]
		fmt.Fprintf(stdout, "  %-11s %6d (résolues %d, non résolues %d)\n", k, n[0]+n[1], n[0], n[1])
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
