"""Provider clients: one class per backend, all implementing ``base.ProviderClient``."""
