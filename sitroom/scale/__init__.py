"""Running the per-document stages on a Dask cluster; see ``dask_runner``."""
