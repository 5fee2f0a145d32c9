"""Streamlit UI layer of Shop What-If / 店铺推演."""
