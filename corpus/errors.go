package corpus

import "errors"

// Sentinel errors of the loaders. Loaders wrap them with %w and the file's
// context; LoadDir turns each into a Skipped entry with its Code.
var (
	// ErrEncrypted: the PDF needs a user password to open.
	ErrEncrypted = errors.New("PDF protégé par un mot de passe : fournir une version sans mot de passe")
	// ErrNoText: the file has no text layer (a scanned PDF) and must be OCRed.
	ErrNoText = errors.New("aucune couche texte (document numérisé) : à océriser")
	// ErrCorrupt: the file is damaged or not of the format its name says.
	ErrCorrupt = errors.New("fichier illisible ou endommagé")
	// ErrEmpty: the file holds no text at all.
	ErrEmpty = errors.New("fichier vide")
	// ErrUnsupported: no loader handles this format yet.
	ErrUnsupported = errors.New("format non pris en charge")
)

// skipCode maps an error to the stable Code of a Skipped entry.
func skipCode(err error) string {
	switch {
	case errors.Is(err, ErrEncrypted):
		return "encrypted"
	case errors.Is(err, ErrNoText):
		return "no-text"
	case errors.Is(err, ErrCorrupt):
		return "corrupt"
	case errors.Is(err, ErrEmpty):
		return "empty"
	case errors.Is(err, ErrUnsupported):
		return "unsupported"
	}
	return "error"
}
