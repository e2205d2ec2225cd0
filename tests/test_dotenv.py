"""`careermarket run` points plain `dagster dev` at its instance through the project's .env."""

from __future__ import annotations

import careermarket.running as running


def test_dotenv_is_written_kept_up_to_date_and_never_overrides_the_user(tmp_path, monkeypatch):
    dotenv = tmp_path / ".env"
    monkeypatch.setattr(running, "DOTENV", dotenv)

    running.remember_instance(tmp_path / "a")
    assert f"DAGSTER_HOME={(tmp_path / 'a').resolve()}" in dotenv.read_text().splitlines()
    running.remember_instance(tmp_path / "a")
    assert dotenv.read_text().count("DAGSTER_HOME=") == 1  # idempotent

    running.remember_instance(tmp_path / "moved")  # the clone moved: our line follows it
    assert dotenv.read_text().count("DAGSTER_HOME=") == 1
    assert f"DAGSTER_HOME={(tmp_path / 'moved').resolve()}" in dotenv.read_text()

    dotenv.write_text("OTHER=1\nDAGSTER_HOME=/srv/dagster\n")
    running.remember_instance(tmp_path / "a")
    assert dotenv.read_text() == "OTHER=1\nDAGSTER_HOME=/srv/dagster\n"  # the user's choice


def test_other_variables_in_dotenv_survive(tmp_path, monkeypatch):
    dotenv = tmp_path / ".env"
    dotenv.write_text("DATABASE_URL=x\n")
    monkeypatch.setattr(running, "DOTENV", dotenv)
    running.remember_instance(tmp_path / "home")
    lines = dotenv.read_text().splitlines()
    assert lines[0] == "DATABASE_URL=x" and lines[-1].startswith("DAGSTER_HOME=/")
