package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/atomicfile"
	"github.com/credseal/credseal/issuer/boltstore"
)

func newIssuerBackupCommand() *cobra.Command {
	return newCommand(&issuerBackupOptions{}, &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the issuer database, also while it is being served",
		Long: `backup writes a consistent snapshot of issuer.db to FILE. When 'issuer serve'
holds the database, the snapshot is taken through its API (GET /api/v1/backup)
with an admin token: --token or $CREDSEAL_API_TOKEN.`,
		Example: `  credseal issuer backup /backups/issuer-$(date +%F).db
  CREDSEAL_API_TOKEN=cst_… credseal issuer backup /backups/issuer.db`,
		Args: cobra.ExactArgs(1),
	})
}

type issuerBackupOptions struct {
	db issuerDBOptions
}

func (o *issuerBackupOptions) flags(f *pflag.FlagSet) {
	o.db.flags(f, "admin API token for an online backup (else $"+apiTokenEnv+")")
}

func (o *issuerBackupOptions) run(cmd *cobra.Command, args []string) error {
	path, out := args[0], cmd.OutOrStdout()
	return o.db.with(func(db *boltstore.DB) error {
		if err := db.BackupFile(cmd.Context(), path); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s\n", path)
		return nil
	}, func(base, token string) error {
		if err := backupOverHTTP(cmd.Context(), base+"/api/v1/backup", token, path); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s (online, from the running server)\n", path)
		return nil
	})
}

// backupOverHTTP writes the snapshot a running server sends to path, which
// is whole or untouched.
func backupOverHTTP(ctx context.Context, url, token, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("online backup: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return fmt.Errorf("online backup: %s: %s", resp.Status, msg)
	}
	return atomicfile.Write(path, 0o600, func(w io.Writer) error {
		if _, err := io.Copy(w, resp.Body); err != nil {
			return fmt.Errorf("online backup: %w", err)
		}
		return nil
	})
}
