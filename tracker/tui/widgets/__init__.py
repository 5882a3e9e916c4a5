"""The UI's own widgets: the side-by-side Line API view, its layout, and the details panel."""
