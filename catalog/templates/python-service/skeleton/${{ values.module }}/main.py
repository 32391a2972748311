from fastapi import FastAPI

app = FastAPI(title="${{ values.name }}")


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "UP"}
{%- for path in values.endpoints %}


@app.get("${{ path }}")
def endpoint_${{ loop.index }}() -> dict[str, str]:
    return {"path": "${{ path }}"}
{%- endfor %}
