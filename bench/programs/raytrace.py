# Ray tracer: spheres over a checkered floor, two point lights, hard shadows,
# Phong highlights and recursive mirror reflections, rendered to an n x n
# image. Exercises float arithmetic through a small Vec class with dunder
# operators (__add__, __sub__, __mul__, __rmul__, __neg__), method calls,
# object allocation, math.sqrt/math.floor, float ** int, min/max and
# isinstance-free dynamic dispatch over scene objects.
# The checksum is the sum of all 8-bit channel values plus a fold of them,
# so every pixel counts.
import math
import sys
import time

EPSILON = 1e-6
MAX_DEPTH = 3


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vec(-self.x, -self.y, -self.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def cross(self, o):
        return Vec(self.y * o.z - self.z * o.y,
                   self.z * o.x - self.x * o.z,
                   self.x * o.y - self.y * o.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def blend(self, o):
        """Component-wise product (light colour times surface colour)."""
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)


BLACK = Vec(0.0, 0.0, 0.0)
WHITE = Vec(1.0, 1.0, 1.0)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, color, diffuse=0.8, specular=0.5, shininess=32, mirror=0.0):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess
        self.mirror = mirror

    def color_at(self, point):
        return self.color


class Checker(Material):
    def __init__(self, color, other, size, **kw):
        super().__init__(color, **kw)
        self.other = other
        self.size = size

    def color_at(self, point):
        cell = math.floor(point.x / self.size) + math.floor(point.z / self.size)
        return self.color if cell % 2 == 0 else self.other


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = self.normal.dot(ray.direction)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, color):
        self.position = position
        self.color = color


class Camera:
    def __init__(self, eye, look_at, up, fov_scale):
        self.eye = eye
        self.forward = (look_at - eye).normalized()
        self.right = self.forward.cross(up).normalized()
        self.up = self.right.cross(self.forward)
        self.scale = fov_scale

    def ray(self, u, v):
        d = self.forward + self.right * (u * self.scale) + self.up * (v * self.scale)
        return Ray(self.eye, d.normalized())


class Scene:
    def __init__(self):
        self.objects = [
            Plane(Vec(0.0, 0.0, 0.0), Vec(0.0, 1.0, 0.0),
                  Checker(Vec(0.9, 0.9, 0.9), Vec(0.1, 0.1, 0.1), 1.0,
                          specular=0.2, mirror=0.3)),
            Sphere(Vec(0.0, 1.0, 0.0), 1.0,
                   Material(Vec(0.8, 0.2, 0.2), mirror=0.4, shininess=64)),
            Sphere(Vec(-2.2, 0.6, 1.0), 0.6,
                   Material(Vec(0.2, 0.8, 0.3), specular=0.8, shininess=16)),
            Sphere(Vec(1.8, 0.8, 1.5), 0.8,
                   Material(Vec(0.3, 0.4, 0.9), mirror=0.6)),
            Sphere(Vec(0.7, 0.3, 2.6), 0.3,
                   Material(Vec(0.9, 0.8, 0.2), specular=0.9, shininess=8)),
        ]
        self.lights = [
            Light(Vec(-4.0, 6.0, 5.0), Vec(0.9, 0.9, 0.8)),
            Light(Vec(5.0, 4.0, 3.0), Vec(0.4, 0.4, 0.6)),
        ]
        self.ambient = 0.1
        self.background = Vec(0.2, 0.3, 0.5)

    def closest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def in_shadow(self, point, light_dir, light_dist):
        ray = Ray(point, light_dir)
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < light_dist:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.closest(ray)
        if obj is None:
            return self.background
        point = ray.at(t)
        normal = obj.normal_at(point)
        mat = obj.material
        base = mat.color_at(point)
        color = base * self.ambient
        view = -ray.direction
        for light in self.lights:
            to_light = light.position - point
            dist = to_light.length()
            ldir = to_light * (1.0 / dist)
            lambert = normal.dot(ldir)
            if lambert <= 0.0:
                continue
            if self.in_shadow(point + normal * EPSILON, ldir, dist):
                continue
            color = color + base.blend(light.color) * (mat.diffuse * lambert)
            half = (ldir + view).normalized()
            spec = max(0.0, normal.dot(half)) ** mat.shininess
            color = color + light.color * (mat.specular * spec)
        if mat.mirror > 0.0 and depth < MAX_DEPTH:
            d = ray.direction
            refl = d - normal * (2.0 * d.dot(normal))
            bounce = Ray(point + normal * EPSILON, refl)
            color = color * (1.0 - mat.mirror) + self.trace(bounce, depth + 1) * mat.mirror
        return color


def to_byte(c):
    return int(min(1.0, max(0.0, c)) * 255.0 + 0.5)


def render(n):
    scene = Scene()
    camera = Camera(Vec(0.0, 2.2, 7.5), Vec(0.0, 0.8, 0.0), Vec(0.0, 1.0, 0.0), 0.55)
    total = 0
    fold = 0
    for row in range(n):
        v = 1.0 - 2.0 * (row + 0.5) / n
        for col in range(n):
            u = 2.0 * (col + 0.5) / n - 1.0
            c = scene.trace(camera.ray(u, v), 0)
            r, g, b = to_byte(c.x), to_byte(c.y), to_byte(c.z)
            total += r + g + b
            fold = (fold * 257 + (r << 16 | g << 8 | b)) % 1000000007
    return total, fold


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 180
    start = time.perf_counter()
    total, fold = render(n)
    elapsed = time.perf_counter() - start
    print(f"checksum {total} {fold}")
    print(f"time {elapsed:.6f}")


main()
