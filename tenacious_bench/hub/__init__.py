"""Hugging Face Hub door: publish the dataset and LoRA adapters, load them back by repo id and revision.

Built on `huggingface_hub` (commits, LFS, repo info, model cards) and `datasets` (parquet and
`load_dataset`); nothing here is imported by `import tenacious_bench`. Modules:

- `errors`: clear errors for 401/403, a missing repo or revision and no network; bounded retries on
  transient failures; the token is redacted from every message;
- `rows`: a row as `datasets` yields it -> a task object of task-format.md;
- `dataset`: stage (exactly what is pushed), publish, and load tasks by Hub id and revision;
- `adapter`: stage and publish a peft adapter with its model card; download it back.
"""
