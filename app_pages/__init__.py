"""Pages of the Streamlit explorer (app.py routes to them)."""
