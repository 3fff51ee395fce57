"""The Qt binding itself: a PySide6 build that mis-counts references would crash the designer
after a few thousand paints, so it is caught here with a clear message."""
import sys

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen


def test_qpainter_calls_do_not_release_none(qapp):
    """Painting does not eat Python's None references (PySide6 6.12.0 does: crash after ~60k calls)."""
    img = QImage(32, 32, QImage.Format_ARGB32)
    p = QPainter(img)
    pen = QPen(QColor("red"), 1)
    before = sys.getrefcount(None)
    for _ in range(500):
        p.setPen(pen)
        p.save()
        p.drawLine(QPointF(0, 0), QPointF(5, 5))
        p.fillRect(QRectF(0, 0, 4, 4), QColor("blue"))
        p.restore()
    p.end()
    lost = before - sys.getrefcount(None)
    assert lost < 100, (f"this PySide6 build released None {lost} times in 2500 QPainter calls; "
                        "the designer would crash — install a PySide6-Essentials other than 6.12.0")
