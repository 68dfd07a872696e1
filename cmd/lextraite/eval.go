package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"lextraite/indexer"
)

// evalConfig holds the flags of `lextraite eval`.
type evalConfig struct {
	Index, Judgments string
	Weak             float64
}

// runEval runs the relevance benchmark: every judged query against the
// index, then nDCG@10, MRR and recall@10 per query kind and overall.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg evalConfig
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Index, "index", "", "dossier de l'index (obligatoire)")
	fs.StringVar(&cfg.Judgments, "judgments", "", "fichier JSON des jugements, par exemple indexer/testdata/judgments.json (obligatoire)")
	fs.Float64Var(&cfg.Weak, "weak", 0, "lister aussi les requêtes dont le nDCG@10 est sous ce seuil (0 : aucune)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.Index == "" || cfg.Judgments == "" || fs.NArg() > 0 {
		return usageErr("eval demande -index DIR et -judgments FICHIER")
	}
	js, err := indexer.ReadJudgmentsFile(cfg.Judgments)
	if err != nil {
		return err
	}
	ix, err := indexer.Open(cfg.Index)
	if err != nil {
		return err
	}
	defer ix.Close()
	rep, err := indexer.Evaluate(ctx, ix, js)
	if err != nil {
		return err
	}
	if err := rep.WriteTable(stdout); err != nil {
		return err
	}
	if cfg.Weak > 0 {
		fmt.Fprintf(stdout, "\nRequêtes sous nDCG@10 %.2f :\n", cfg.Weak)
		return rep.WriteWeak(stdout, cfg.Weak)
	}
	return nil
}
