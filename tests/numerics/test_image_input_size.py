"""Shape arithmetic of the image-input experiment."""
from numerics.image_input_size import layer_sizes, measured_sizes


def test_measured_sizes_follow_the_array_shapes():
    assert measured_sizes((4, 5, 3)) == (60, 3600)
    assert measured_sizes((224, 224, 1)) == (50176, 50176**2)


def test_the_right_counts_pass_and_grey_counts_fail():
    right = layer_sizes(0, "small", lambda h, w, c: [[h * w * c], [(h * w * c) ** 2]])
    grey = layer_sizes(0, "small", lambda h, w, c: [[h * w], [(h * w) ** 2]])
    assert right.passed and right.measured == {"inputs": 150528, "dense weights": 22658678784}
    assert not grey.passed


def test_the_experiment_does_not_depend_on_the_seed():
    law = lambda h, w, c: [[h * w * c], [(h * w * c) ** 2]]  # noqa: E731
    assert layer_sizes(1, "small", law).measured == layer_sizes(2, "large", law).measured
